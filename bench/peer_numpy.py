#!/usr/bin/env python3
# peer_numpy.py - a numpy peer of budgetsim for `make bench`: the bench sweep
# and the bench Monte Carlo of the adopted Liverpool budget, written as an
# analyst would write them (the model on whole numpy arrays over the grid or
# the draws, the CSV with numpy.savetxt, percentiles with numpy.percentile).
#
# It is a peer for the bench, not a general tool: every number of the
# scenario is typed in below by hand from scenarios/liverpool-2022-adopted.cfg
# (line numbers are those of that file; "default" means the setting is not in
# the file and takes the default that `budgetsim reference` gives), and the
# uncertainties from scenarios/examples/liverpool-uncertain.cfg. The model is
# that of sim/core/budget.c and sim/core/rules/*.c, the vote that of
# sim/core/vote.c and sim/core/fastvote.c, reduced to what this scenario uses,
# with every floating-point operation in the same order as the C code so that
# each value has the same bits and the CSV the same bytes as
# `budgetsim sweep` (tests/bench.sh compares them with cmp).
#
#   peer_numpy.py sweep [--vary council_tax.core_rise_pct=FROM:TO:STEP]
#                       [--vary services.adult_social_care.growth_pct=FROM:TO:STEP]
#                       [--shard K/N] [-o FILE] [--model-only]
#       the grid (default: both 0:9.99:0.01, the bench's 1000 x 1000), first
#       setting outermost as budgetsim writes it; the CSV to FILE (default
#       standard output). --model-only: every column computed, nothing written
#       but one line on standard error (the peer of `budgetsim sweep --summary`).
#   peer_numpy.py montecarlo [--draws N] [--seed S] [--format csv]
#       N draws (default 1,000,000) of the three uncertain settings, the model
#       on all of them at once, and the same figures as `budgetsim montecarlo`
#       (percentiles of the gap and the general reserve each year, the chances
#       the reserve falls below its minimum or runs out, the mean chance of
#       passing the vote). numpy's generator, not budgetsim's (GSL's mt19937 in
#       blocks), so the figures agree only to within sampling error.
#
# Requires python3 and numpy (Debian: python3-numpy).
import math
import sys

import numpy as np

# ---------------------------------------------------------------------------
# The scenario, by hand
# ---------------------------------------------------------------------------
FIRST_YEAR = 2022                 # horizon.first_year, line 20
NYEARS = 5                        # horizon.years, line 21

BAND_D_PREVIOUS = 1801.52         # council_tax.band_d_previous_pounds, line 25
CORE_RISE = 1.99                  # council_tax.core_rise_pct, line 26 (every year; varied by the sweep)
ASC_PRECEPT = 1.0                 # council_tax.asc_precept_pct, line 27 (every year)
TAX_BASE = 114462.0               # council_tax.tax_base, line 28
TAX_BASE_GROWTH = 0.5             # council_tax.tax_base_growth_pct, line 29 (years 2..5; drawn by the Monte Carlo)
COLLECTION = 100.0                # council_tax.collection_rate_pct, line 30

CORE_LIMIT = 2.0                  # referendum.core_limit_pct, line 36
CORE_LIMIT_POUNDS = 0.0           # referendum.core_limit_pounds, default: no £ limit
ASC_LIMIT = 1.0                   # referendum.asc_limit_pct, line 37
ASC_UNUSED_BEFORE = 0.0           # referendum.asc_unused_before_pct, default
ASC_CARRY_FORWARD = False         # referendum.asc_carry_forward, default

BALANCED_YEARS = 1                # rules.balanced_years, line 41
COVER_UNCLOSED_GAPS = False       # rules.cover_unclosed_gaps, line 42

GENERAL_OPENING = 20.7            # reserves.general.opening_m, line 48
GENERAL_MINIMUM = 20.0            # reserves.general.minimum_m, line 49
EARMARKED_OPENING = 124.3         # reserves.earmarked.earmarked.opening_m, line 54
EARMARKED_MINIMUM = 0.0           # reserves.earmarked.earmarked.minimum_m, default

# services.ID.net_m and growth_pct (growth into years 2..5), lines 66-93, in
# the file's order (budget.c adds the lines in that order)
SERVICES = [
    ("adult_social_care", 186.0, [9.6, 5.7, 7.6, 6.0]),         # lines 69-70 (growth varied / drawn)
    ("children_and_education", 110.0, [9.1, 5.2, 7.1, 5.5]),    # lines 75-76
    ("communities", 70.0, [7.6, 3.7, 5.6, 4.0]),                # lines 81-82
    ("regeneration_and_highways", 45.0, [7.6, 3.7, 5.6, 4.0]),  # lines 86-87
    ("finance_and_resources", 39.5, [7.6, 3.7, 5.6, 4.0]),      # lines 91-92
]
ASC, CHILDREN, COMMUNITIES, REGENERATION, FINANCE = range(5)

RATES_AND_GRANTS = 211.63         # funding.rates_and_grants.amount_m, line 99; growth 0 (line 100), every year
ONE_OFF_GRANTS = 12.0             # funding.one_off_grants.amount_m, line 104; growth 0 (default); last_year 2022 (line 105)

# measures, lines 109-175, in the file's order: (line, amount) of each saving
# on a line (recurring, phasing [100], at risk 0, from the first year: defaults)
LINE_SAVINGS = [
    (ASC, 1.9),                   # high_cost_care, line 116
    (CHILDREN, 0.1),              # school_transport, line 122
    (COMMUNITIES, 0.2),           # pest_control, line 139
    (FINANCE, 0.2),               # management, line 145
    (COMMUNITIES, 0.28),          # community_libraries, line 151
]
OTHER_RECURRING = 10.12           # other_recurring, line 157: on no line, recurring
OTHER_ONE_OFF = 10.0              # other_one_off, lines 162-163: on no line, the first year only
GREEN_BIN_PRICE = [40.0, 40.0, 50.0, 50.0, 50.0]  # green_bin.price_pounds = [40, 40, 50], line 129, the last carried on
GREEN_BIN_HOUSEHOLDS = 148500.0   # line 130; households_growth_pct 0 (default)
GREEN_BIN_TAKE_UP = 28.61953      # line 131 (drawn by the Monte Carlo)
GREEN_BIN_REFERENCE = 40.0        # line 132
GREEN_BIN_ELASTICITY = -0.3       # line 133
GREEN_BIN_RUNNING = 0.0           # line 134
GENERAL_TOP_UP = [10.0, 0.0, 0.0, 0.0, 0.0]  # general_top_up.amount_m = [10, 0], line 172, the last carried on

MONEY_EPS = 1e-6                  # BS_MONEY_EPS, sim/core/rules.h
PCT_EPS = 1e-9                    # BS_PCT_EPS, sim/core/rules.h

# ---------------------------------------------------------------------------
# The model (sim/core/budget.c), on arrays
# ---------------------------------------------------------------------------


def model(core=CORE_RISE, asc_growth=None, tax_base_growth=TAX_BASE_GROWTH, take_up=GREEN_BIN_TAKE_UP):
    """The budget for every combination of the arguments (numpy arrays that
    broadcast against each other, or numbers): core rise (every year), adult
    social care growth (every year after the first; None: the file's path),
    tax base growth and green bin take-up. Returns (gap_after, general_close,
    rules_broken): lists of arrays by year, and an array."""
    core = np.asarray(core, dtype=float)
    # --- services (run_services): cumulative growth, gross spending
    factor = []
    for s, (_, net, growth) in enumerate(SERVICES):
        f = [1.0]
        for t in range(1, NYEARS):
            g = asc_growth if (s == ASC and asc_growth is not None) else growth[t - 1]
            f.append(f[t - 1] * (1.0 + g / 100.0))
        factor.append(f)
    gross_by_line = [[net * factor[s][t] for t in range(NYEARS)] for s, (_, net, _) in enumerate(SERVICES)]

    # --- council tax and funding (run_funding)
    band_d, base, carried = BAND_D_PREVIOUS, TAX_BASE, ASC_UNUSED_BEFORE
    funding_total, asc_allowance, core_rise_pounds = [], [], []
    for t in range(NYEARS):
        if t > 0:
            base = base * (1.0 + tax_base_growth / 100.0)
        core_rise_pounds.append(band_d * core / 100.0)
        asc_allowance.append(ASC_LIMIT + carried)
        unused = asc_allowance[t] - ASC_PRECEPT
        carried = unused if ASC_CARRY_FORWARD and unused > 0.0 else 0.0
        rise = core + ASC_PRECEPT
        band_d = band_d * (1.0 + rise / 100.0)
        council_tax = band_d * base * COLLECTION / 100.0 / 1e6
        total = council_tax + RATES_AND_GRANTS
        total = total + (ONE_OFF_GRANTS if FIRST_YEAR + t <= 2022 else 0.0)
        funding_total.append(total)

    # --- measures (run_measures), in the file's order
    line_saved = [[0.0] * NYEARS for _ in SERVICES]
    for line, amount in LINE_SAVINGS:
        for t in range(NYEARS):
            # saving_in_year: planned = amount x share x prices, prices the
            # line's growth since the start; nothing at risk
            planned = amount * 1.0 * (factor[line][t] / factor[line][0])
            line_saved[line][t] = line_saved[line][t] + (planned - planned * 0.0 / 100.0)
    unallocated = []
    for t in range(NYEARS):
        u = 0.0 + (OTHER_RECURRING * 1.0 * 1.0 - 0.0)
        one_off = OTHER_ONE_OFF * (1.0 if t == 0 else 0.0) * 1.0
        unallocated.append(u + (one_off - one_off * 0.0 / 100.0))
    charges = []
    for t in range(NYEARS):
        # charge_in_year: take-up moved by the price through the elasticity, at most 100%
        price = GREEN_BIN_PRICE[t]
        share = np.asarray(take_up, dtype=float)
        share = np.where(share > 0.0, share * math.pow(price / GREEN_BIN_REFERENCE, GREEN_BIN_ELASTICITY), share)
        share = np.minimum(share, 100.0)
        payers = GREEN_BIN_HOUSEHOLDS * share / 100.0
        charges.append(0.0 + (price * payers / 1e6 - GREEN_BIN_RUNNING))
    movement = [0.0 + GENERAL_TOP_UP[t] for t in range(NYEARS)]
    contributions = [0.0 + v if v > 0 else 0.0 for v in movement]
    draws = [0.0 - v if not v > 0 else 0.0 for v in movement]

    # --- each year (run_year, run_reserves) and the rules (core/rules/*.c)
    gap_after, general_close, broken = [], [], 0
    general, earmarked = GENERAL_OPENING, EARMARKED_OPENING
    for t in range(NYEARS):
        gross, saved = 0.0, unallocated[t]
        for s in range(len(SERVICES)):
            gross = gross + gross_by_line[s][t]
            saved = saved + line_saved[s][t]
        gap_before = gross + contributions[t] - funding_total[t]
        gap = gap_before - saved - charges[t] - draws[t]
        unplanned = -gap if COVER_UNCLOSED_GAPS else np.where(gap < 0.0, -gap, 0.0)
        general = general + movement[t] + unplanned
        earmarked = earmarked + 0.0 + 0.0
        gap_after.append(gap)
        general_close.append(general)
        # balanced: the first BALANCED_YEARS years, a gap of at most £1
        if t < BALANCED_YEARS:
            broken = broken + (~(gap <= MONEY_EPS)).astype(np.int64)
        # referendum_core: a rise at or above the % limit (no £ limit) is excessive
        excessive = (core > PCT_EPS) & (core >= CORE_LIMIT - PCT_EPS)
        if CORE_LIMIT_POUNDS > 0.0:
            excessive = excessive & (core_rise_pounds[t] > CORE_LIMIT_POUNDS + 0.005)
        broken = broken + excessive.astype(np.int64)
        # referendum_asc: the precept within its allowance
        broken = broken + int(not (ASC_PRECEPT <= asc_allowance[t] + PCT_EPS))
        # general reserve and earmarked reserves at or above their minimums
        broken = broken + (~(general >= GENERAL_MINIMUM - MONEY_EPS)).astype(np.int64)
        broken = broken + int(not (earmarked >= EARMARKED_MINIMUM - MONEY_EPS))
    return gap_after, general_close, broken


# ---------------------------------------------------------------------------
# The vote (sim/core/vote.c): the council of lines 199-284
# ---------------------------------------------------------------------------
FOR, AGAINST, ABSTAIN, ABSENT = range(4)
# groups, in the file's order: id, seats, whip, certain absentees, p_rebel, p_absent
GROUPS = [
    ("labour", 59, FOR, 12, 0.02, 0.02),          # lines 228-236
    ("labour_rebels", 7, FOR, 0, 0.0, 0.0),       # lines 237-242
    ("libdem", 12, AGAINST, 0, 0.0, 0.0),         # lines 243-248
    ("green", 4, AGAINST, 0, 0.0, 0.0),           # lines 249-254
    ("liberal", 3, AGAINST, 2, 0.0, 0.0),         # lines 255-261
    ("independent", 1, AGAINST, 1, 0.0, 0.0),     # lines 262-268
    ("former_labour", 4, FOR, 0, 0.0, 0.0),       # lines 269-274
]
# named members: group, own vote (None: the group's), lines 276-286; they take their group's chances
MEMBERS = [("labour_rebels", None)] * 7 + [("former_labour", None)] * 3 + [("former_labour", ABSENT)]
QUORUM = 23       # council.quorum default: a quarter of the 91 members (90 seats and the mayor), rounded up
MAYOR_VOTES = False  # council.mayor.votes, line 217
CASTING = True    # council.rule.casting_vote, line 226; the chair is Labour (line 220), so it goes Labour's way


def red_lines(values):
    """Each red line (lines 291-303): (group, crossed) in the file's order,
    from the metric values (the first year's) in values."""
    lines = [
        ("labour_rebels", values["high_cost_care"] > 0.0 + 1e-9),
        ("labour_rebels", values["school_transport"] > 0.0 + 1e-9),
        ("labour_rebels", values["green_bin_price"] > 0.0 + 1e-9),
        ("labour_rebels", values["community_libraries"] > 0.0 + 1e-9),
        ("labour_rebels", values["general_planned"] > 0.0 + 1e-9),
        ("former_labour", values["high_cost_care"] > 0.0 + 1e-9),
        ("former_labour", values["green_bin_price"] > 0.0 + 1e-9),
        ("labour", values["general_planned"] < 10.0 - 1e-9),
    ]
    return lines


def voters(values):
    """The voters (vote_stances_from, expand): a list of (vote, [p for,
    against, abstain, absent])."""
    pos = {g[0]: g[2] for g in GROUPS}
    decided = set()
    for group, crossed in red_lines(values):
        if crossed and group not in decided:  # the first red line crossed decides; a red line's vote is "against"
            pos[group] = AGAINST
            decided.add(group)

    def chances(vote, pr, pa):
        p = [0.0, 0.0, 0.0, 0.0]
        rest = 1.0 - pr - 0.0 - pa
        rest = max(rest, 0.0)
        p[ABSENT] += pa
        p[ABSTAIN] += 0.0
        p[vote] += rest
        p[AGAINST if vote == FOR else FOR] += pr
        return p

    out = []
    for gid, seats, _, absent, pr, pa in GROUPS:
        named = 0
        for mg, own in MEMBERS:
            if mg != gid:
                continue
            named += 1
            vote = pos[gid] if own is None else own
            out.append((vote, chances(vote, pr, pa) if own is None else chances(vote, 0.0, 0.0)))
        for i in range(seats - named):
            if i < absent:
                out.append((ABSENT, chances(ABSENT, 0.0, 0.0)))
            else:
                out.append((pos[gid], chances(pos[gid], pr, pa)))
    return out


def passes(f, a):
    """decide(): a simple majority of the votes cast, the chair's casting
    vote (Labour's: for) on an equality."""
    if CASTING and f == a and f + a > 0:
        f += 1
    return 2 * f > f + a


def vote(values):
    """(passed, p_pass): the deterministic tally and the exact chance of
    passing (vote_run, vote_exact: exact_quorate with joint2)."""
    vs = voters(values)
    n = len(vs)
    count = [0, 0, 0, 0]
    for v, _ in vs:
        count[v] += 1
    passed = count[FOR] + count[AGAINST] + count[ABSTAIN] >= QUORUM and passes(count[FOR], count[AGAINST])
    min_present = sum(1 for _, p in vs if p[ABSENT] <= 0.0)
    if QUORUM > min_present:
        raise NotImplementedError("a quorum that depends on who comes")
    shift = [0, 0, 0, 0]
    uncertain = []
    for _, p in vs:
        certain = [q for q in range(4) if p[q] >= 1.0]
        if certain:
            shift[certain[-1]] += 1
        else:
            uncertain.append(p)
    m = len(uncertain)
    cur = np.zeros((m + 1, m + 1))
    cur[0, 0] = 1.0
    for p in uncertain:
        px, py = 0.0 + p[FOR], 0.0 + p[AGAINST]
        pn = max(1.0 - px - py, 0.0)
        new = cur * pn
        new[1:, :] += cur[:-1, :] * px
        new[:, 1:] += cur[:, :-1] * py
        cur = new
    pass_ = 0.0
    for f in range(m + 1):
        for a in range(m + 1 - f):
            p = cur[f, a]
            if p != 0.0 and passes(f + shift[FOR], a + shift[AGAINST]):
                pass_ += float(p)
    return passed, min(max(pass_, 0.0), 1.0)


def red_line_values():
    """The red lines' metrics in the first year: none depends on the settings
    the bench varies or draws, so the vote is the same at every point (budgetsim
    remembers it by pattern of red lines crossed; here it is worked out once)."""
    return {
        "high_cost_care": 1.9 * 1.0 * (1.0 / 1.0),
        "school_transport": 0.1 * 1.0 * (1.0 / 1.0),
        "green_bin_price": GREEN_BIN_PRICE[0],
        "community_libraries": 0.28 * 1.0 * (1.0 / 1.0),
        "general_planned": 0.0 + GENERAL_TOP_UP[0],
    }


# ---------------------------------------------------------------------------
# The sweep
# ---------------------------------------------------------------------------
CORE_PATH = "council_tax.core_rise_pct"
ASC_PATH = "services.adult_social_care.growth_pct"


def axis(spec):
    """FROM:TO:STEP as budgetsim reads it (sweep_args.c): n = floor((to -
    from) / step + 1e-9) + 1 values from + i x step."""
    lo, hi, step = (float(x) for x in spec.split(":"))
    n = int(math.floor((hi - lo) / step + 1e-9)) + 1
    return lo + np.arange(n, dtype=float) * step


def sweep_columns(core_values, asc_values):
    """Every column of the sweep, each an array of all the points, first
    setting outermost (row-major over the grid)."""
    core = core_values[:, None]
    growth = asc_values[None, :]
    gap, general, broken = model(core=core, asc_growth=growth)
    shape = (core_values.size, asc_values.size)
    passed, p_pass = vote(red_line_values())
    cols = [np.broadcast_to(core, shape), np.broadcast_to(growth, shape)]
    cols += [np.broadcast_to(g, shape) for g in gap]
    cols += [np.broadcast_to(general[-1], shape), np.broadcast_to(broken, shape),
             np.full(shape, float(passed)), np.full(shape, p_pass)]
    return [c.reshape(-1) for c in cols]


def sweep(argv):
    vary = {CORE_PATH: "0:9.99:0.01", ASC_PATH: "0:9.99:0.01"}
    out, shard, model_only = "-", (1, 1), False
    it = iter(argv)
    for a in it:
        if a == "--vary":
            path, _, spec = next(it).partition("=")
            if path not in vary:
                sys.exit("peer_numpy.py: only %s and %s can be varied" % (CORE_PATH, ASC_PATH))
            vary[path] = spec
        elif a == "-o":
            out = next(it)
        elif a == "--shard":
            k, _, n = next(it).partition("/")
            shard = (int(k), int(n))
        elif a == "--model-only":
            model_only = True
        else:
            sys.exit("peer_numpy.py: unknown option %s" % a)
    cols = sweep_columns(axis(vary[CORE_PATH]), axis(vary[ASC_PATH]))
    total = cols[0].size
    lo, hi = total * (shard[0] - 1) // shard[1], total * shard[0] // shard[1]
    if model_only:
        balanced = int(np.count_nonzero(cols[2][lo:hi] <= MONEY_EPS))
        print("%d points, %d balanced in %d/%02d" % (hi - lo, balanced, FIRST_YEAR, (FIRST_YEAR + 1) % 100),
              file=sys.stderr)
        return
    data = np.column_stack([c[lo:hi] for c in cols])
    # budgetsim writes a value that rounds to zero as 0.000000, never
    # -0.000000 as printf does for a negative one: fold those to +0
    vals = data[:, :8]
    vals[np.abs(vals) <= 5e-7] = 0.0
    header = ",".join([CORE_PATH, ASC_PATH] + ["totals.gap_after_m@%d" % (FIRST_YEAR + t) for t in range(NYEARS)]
                      + ["reserves.general.closing_m@%d" % (FIRST_YEAR + NYEARS - 1), "rules_broken",
                         "vote.passed", "vote.p_pass"])
    fmt = ["%.6f"] * 8 + ["%d", "%d", "%.9f"]
    dest = sys.stdout.buffer if out == "-" else out
    np.savetxt(dest, data, fmt=fmt, delimiter=",", newline="\r\n",
               header=header if shard[0] == 1 else "", comments="")


# ---------------------------------------------------------------------------
# Monte Carlo
# ---------------------------------------------------------------------------
PERCENTILES = [5, 25, 50, 75, 95]


def montecarlo(argv):
    draws, seed, csv = 1000000, 1, False
    it = iter(argv)
    for a in it:
        if a == "--draws":
            draws = int(next(it))
        elif a == "--seed":
            seed = int(next(it))
        elif a == "--format":
            csv = next(it) == "csv"
        else:
            sys.exit("peer_numpy.py: unknown option %s" % a)
    rng = np.random.default_rng(seed)
    # scenarios/examples/liverpool-uncertain.cfg, each clamped to the setting's
    # range (`budgetsim reference`): growth -50 to 100, take-up 0 to 100
    asc_growth = np.clip(rng.normal(7.2, 2.0, draws), -50.0, 100.0)       # lines 24-29
    tax_base_growth = np.clip(rng.uniform(0.0, 1.0, draws), -50.0, 100.0)  # lines 32-37
    take_up = np.clip(rng.triangular(20.0, 28.6, 35.0, draws), 0.0, 100.0)  # lines 42-48
    gap, general, _ = model(asc_growth=asc_growth, tax_base_growth=tax_base_growth, take_up=take_up)
    base_gap, base_general, _ = model()
    gap = np.vstack([np.broadcast_to(g, (draws,)) for g in gap])
    general = np.vstack([np.broadcast_to(r, (draws,)) for r in general])
    gap_pct = np.percentile(gap, PERCENTILES, axis=1)
    res_pct = np.percentile(general, PERCENTILES, axis=1)
    below = general < GENERAL_MINIMUM - MONEY_EPS
    runs_out = general < -MONEY_EPS
    _, p = vote(red_line_values())
    p_each = np.full(draws, p)  # the exact chance at each draw: the same red lines at every draw
    p_mean = p_each.mean()
    p_se = p_each.std(ddof=1) / math.sqrt(draws) if draws > 1 else 0.0
    years = ["%d/%02d" % (FIRST_YEAR + t, (FIRST_YEAR + t + 1) % 100) for t in range(NYEARS)]
    if csv:
        # the keys of `budgetsim montecarlo --format csv`
        for t in range(NYEARS):
            print("gap_after_m.base,%s,%.17g" % (years[t], float(base_gap[t])))
            for q, row in zip(PERCENTILES, gap_pct):
                print("gap_after_m.p%d,%s,%.17g" % (q, years[t], row[t]))
        for t in range(NYEARS):
            print("general_reserve_close_m.base,%s,%.17g" % (years[t], float(base_general[t])))
            for q, row in zip(PERCENTILES, res_pct):
                print("general_reserve_close_m.p%d,%s,%.17g" % (q, years[t], row[t]))
        print("p_pass,,%.17g" % p_mean)
        return
    print("Monte Carlo (numpy peer): %d draws, seed %d" % (draws, seed))
    print("  %-28s" % "£m" + "".join("%10s" % y for y in years))
    print("Gap after measures")
    print("  %-28s" % "as in the file" + "".join("%10.1f" % float(g) for g in base_gap))
    for q, row in zip(PERCENTILES, gap_pct):
        print("  %-28s" % ("%dth percentile" % q) + "".join("%10.1f" % v for v in row))
    print("General reserve at year end")
    print("  %-28s" % "as in the file" + "".join("%10.1f" % float(r) for r in base_general))
    for q, row in zip(PERCENTILES, res_pct):
        print("  %-28s" % ("%dth percentile" % q) + "".join("%10.1f" % v for v in row))
    print("  %-28s" % "below its minimum" + "".join("%9.2f%%" % (100 * v) for v in below.mean(axis=1)))
    print("  %-28s" % "below £0 (run out)" + "".join("%9.2f%%" % (100 * v) for v in runs_out.mean(axis=1)))
    print("Chance below the minimum in any year: %.2f%%; runs out in any year: %.2f%%"
          % (100 * below.any(axis=0).mean(), 100 * runs_out.any(axis=0).mean()))
    print("Chance the budget passes the vote: %.6f%% (standard error %.2f points)" % (100 * p_mean, 100 * p_se))


def main(argv):
    if len(argv) < 2 or argv[1] not in ("sweep", "montecarlo"):
        sys.exit("usage: peer_numpy.py sweep [--vary PATH=FROM:TO:STEP]... [--shard K/N] [-o FILE] [--model-only]\n"
                 "       peer_numpy.py montecarlo [--draws N] [--seed S] [--format csv]")
    (sweep if argv[1] == "sweep" else montecarlo)(argv[2:])


if __name__ == "__main__":
    main(sys.argv)
