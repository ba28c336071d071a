#!/usr/bin/env perl
# chartlook.pl - look at a drawn chart as a reader of the printed page
# would, by means other than budgetsim's (the file gnuplot wrote, read here).
#
#   perl tests/chartlook.pl FILE.svg|FILE.png|FILE.pdf ...
#
# SVG: every <text> is inside the canvas, none overlaps another, and each is
#   at least 20 units high (the source line, "Source: ...", at least 16): a
#   chart 1000 units wide printed 16 cm wide draws a unit as 0.4535 points,
#   so 20 units are 9.07 points and 16 are 7.26 (sim/write/charts/chart.h).
#   A text's box is estimated from Helvetica's advance widths (a capital
#   0.67 em, a small letter 0.5, a digit 0.556, a space 0.278, a wide
#   character 1 em), 0.72 em above its baseline and 0.21 below, turned by
#   its rotation about its anchor; two boxes overlap when no axis of either
#   separates them (the separating axis test), each box first shrunk by a
#   unit so that text merely touching is not counted (and the same text
#   drawn twice in the same place, which reads as one, is not an overlap).
# PNG: nothing is clipped at the edge: the two outermost rows and columns of
#   pixels are the background's colour (the first pixel's), decoded here
#   (Compress::Zlib, part of core Perl; 8-bit RGB or RGBA, the five filters).
# PDF: the page is 16 cm wide (453.5 points, the MediaBox's width).
#
# Prints one line per problem, "FILE: problem"; exits 1 when there is any.
use strict;
use warnings;
use Compress::Zlib;

binmode STDOUT, ":encoding(UTF-8)";
my $bad = 0;
sub problem { print "$_[0]: $_[1]\n"; $bad = 1 }

sub decode_entities {
    my $t = shift;
    $t =~ s/&lt;/</g; $t =~ s/&gt;/>/g; $t =~ s/&quot;/"/g; $t =~ s/&apos;/'/g;
    $t =~ s/&#x([0-9a-fA-F]+);/chr(hex $1)/ge; $t =~ s/&#([0-9]+);/chr($1)/ge; $t =~ s/&amp;/&/g;
    return $t;
}

# The advance of text in ems (Helvetica, roughly).
sub ems {
    my $t = shift;
    my $w = 0;
    for my $c (split //, $t) {
        my $o = ord $c;
        $w += $c =~ /[A-Z]/ ? 0.67 : $c =~ /[a-z]/ ? 0.5 : $c =~ /[0-9]/ ? 0.556
            : $c eq ' ' ? 0.278 : $c =~ /[.,:;'!|il]/ ? 0.28 : $o < 128 ? 0.45
            : $o >= 0x1F000 ? 1.0 : 0.6;
    }
    return $w;
}

sub corners {
    my ($b) = @_;
    my ($x, $y, $a, $w, $up, $down, $anchor) = @$b{qw(x y rot w up down anchor)};
    my $x0 = $anchor eq 'end' ? -$w : $anchor eq 'middle' ? -$w / 2 : 0;
    my @p = ([$x0, -$up], [$x0 + $w, -$up], [$x0 + $w, $down], [$x0, $down]);
    my ($c, $s) = (cos($a), sin($a));
    return map { [$x + $_->[0] * $c - $_->[1] * $s, $y + $_->[0] * $s + $_->[1] * $c] } @p;
}

sub shrink {
    my @p = @_;
    my ($cx, $cy) = (0, 0);
    $cx += $_->[0] / 4, $cy += $_->[1] / 4 for @p;
    return map {
        my ($dx, $dy) = ($_->[0] - $cx, $_->[1] - $cy);
        my $l = sqrt($dx * $dx + $dy * $dy) || 1;
        [$_->[0] - $dx / $l, $_->[1] - $dy / $l]
    } @p;
}

sub separated {
    my ($p, $q) = @_;
    for my $poly ($p, $q) {
        for my $i (0 .. 3) {
            my ($a, $b) = ($poly->[$i], $poly->[($i + 1) % 4]);
            my ($nx, $ny) = ($b->[1] - $a->[1], $a->[0] - $b->[0]);
            my (@u, @v);
            push @u, $_->[0] * $nx + $_->[1] * $ny for @$p;
            push @v, $_->[0] * $nx + $_->[1] * $ny for @$q;
            my ($umin, $umax) = (sort { $::a <=> $::b } @u)[0, -1];
            my ($vmin, $vmax) = (sort { $::a <=> $::b } @v)[0, -1];
            return 1 if $umax < $vmin || $vmax < $umin;
        }
    }
    return 0;
}

sub look_svg {
    my $file = shift;
    open my $fh, '<:raw', $file or return problem($file, "cannot read: $!");
    local $/;
    my $svg = <$fh>;
    # the canvas: width and height, or (gnuplot's "dynamic") the viewBox
    my ($W, $H) = $svg =~ /<svg\b[^>]*?\bviewBox="\s*[-\d.]+\s+[-\d.]+\s+([\d.]+)\s+([\d.]+)"/s;
    ($W, $H) = $svg =~ /<svg\b[^>]*?\bwidth="([\d.]+)"[^>]*?\bheight="([\d.]+)"/s unless defined $H;
    return problem($file, "no size on <svg> (viewBox, or width and height)") unless defined $H;
    my @boxes;
    # gnuplot writes each text as <g transform="translate(X,Y) rotate(A)"
    # ... font-size="S" text-anchor="..."> <text>...</text></g>
    while ($svg =~ /<g\s+transform="translate\(([-\d.]+),([-\d.]+)\)(?:\s*rotate\(([-\d.]+)\))?"([^>]*)>\s*<text\b[^>]*>(.*?)<\/text>/gs) {
        my ($x, $y, $rot, $attr, $body) = ($1, $2, $3 // 0, $4, $5);
        my ($size) = $attr =~ /font-size="([\d.]+)"/;
        my ($anchor) = $attr =~ /text-anchor="(\w+)"/;
        $size //= 20;
        $anchor //= 'start';
        # a tspan may carry its own size (enhanced text): the smallest counts
        my $min = $size;
        while ($body =~ /font-size="([\d.]+)"/g) { $min = $1 if $1 < $min }
        (my $t = $body) =~ s/<[^>]*>//g;
        $t = decode_entities($t);
        utf8::decode($t);
        next if $t =~ /^\s*$/;
        my $need = $t =~ /^\s*Source:/ ? 16 : 20;
        problem($file, sprintf("text %.1f units high (at least %d): '%s'", $min, $need, $t))
            if $min + 1e-6 < $need;
        my $b = {x => $x, y => $y, rot => $rot * 3.14159265358979 / 180, w => ems($t) * $size,
                 up => 0.72 * $size, down => 0.21 * $size, anchor => $anchor, t => $t};
        my @c = corners($b);
        for my $p (@c) {
            if ($p->[0] < -0.5 || $p->[0] > $W + 0.5 || $p->[1] < -0.5 || $p->[1] > $H + 0.5) {
                problem($file, sprintf("text outside the %gx%g canvas at (%.0f,%.0f): '%s'", $W, $H, @$p, $t));
                last;
            }
        }
        $b->{poly} = [shrink(@c)];
        push @boxes, $b;
    }
    for my $i (0 .. $#boxes) {
        for my $j ($i + 1 .. $#boxes) {
            my ($p, $q) = ($boxes[$i], $boxes[$j]);
            # the same text drawn twice in the same place reads as one
            next if $p->{t} eq $q->{t} && abs($p->{x} - $q->{x}) < 0.5 && abs($p->{y} - $q->{y}) < 0.5;
            next if separated($p->{poly}, $q->{poly});
            problem($file, "texts overlap: '$boxes[$i]{t}' and '$boxes[$j]{t}'");
        }
    }
}

sub look_png {
    my $file = shift;
    open my $fh, '<:raw', $file or return problem($file, "cannot read: $!");
    local $/;
    my $png = <$fh>;
    return problem($file, "not a PNG") unless substr($png, 0, 8) eq "\x89PNG\r\n\x1a\n";
    my ($pos, $idat, $w, $h, $depth, $type) = (8, '');
    while ($pos + 8 <= length $png) {
        my ($len, $kind) = unpack 'Na4', substr($png, $pos, 8);
        my $data = substr($png, $pos + 8, $len);
        ($w, $h, $depth, $type) = unpack 'NNCC', $data if $kind eq 'IHDR';
        $idat .= $data if $kind eq 'IDAT';
        $pos += 12 + $len;
    }
    return problem($file, "only 8-bit RGB or RGBA is read here (depth $depth, type $type)")
        unless $depth == 8 && ($type == 2 || $type == 6);
    my $raw = uncompress($idat) // return problem($file, "its image data do not inflate");
    my $bpp = $type == 6 ? 4 : 3;
    my $stride = $w * $bpp;
    my @rows;
    my $prev = "\0" x $stride;
    for my $r (0 .. $h - 1) {
        my $f = ord substr($raw, $r * ($stride + 1), 1);
        my @cur = unpack 'C*', substr($raw, $r * ($stride + 1) + 1, $stride);
        my @up = unpack 'C*', $prev;
        for my $i (0 .. $stride - 1) {
            my $a = $i >= $bpp ? $cur[$i - $bpp] : 0;
            my $b = $up[$i];
            my $c = $i >= $bpp ? $up[$i - $bpp] : 0;
            my $add = $f == 0 ? 0 : $f == 1 ? $a : $f == 2 ? $b : $f == 3 ? int(($a + $b) / 2) : do {
                my $p = $a + $b - $c;
                my ($pa, $pb, $pc) = (abs($p - $a), abs($p - $b), abs($p - $c));
                $pa <= $pb && $pa <= $pc ? $a : $pb <= $pc ? $b : $c;
            };
            $cur[$i] = ($cur[$i] + $add) & 255;
        }
        $prev = pack 'C*', @cur;
        push @rows, $prev;
    }
    my $bg = substr($rows[0], 0, 3);
    my $px = sub { substr($rows[$_[1]], $_[0] * $bpp, 3) };
    my ($n, $first) = (0);
    for my $y (0, 1, $h - 2, $h - 1) {
        for my $x (0 .. $w - 1) { next if $px->($x, $y) eq $bg; $n++; $first //= "($x,$y)" }
    }
    for my $x (0, 1, $w - 2, $w - 1) {
        for my $y (2 .. $h - 3) { next if $px->($x, $y) eq $bg; $n++; $first //= "($x,$y)" }
    }
    problem($file, "$n pixels drawn at the edge, the first at $first (something is clipped)") if $n;
}

sub look_pdf {
    my $file = shift;
    open my $fh, '<:raw', $file or return problem($file, "cannot read: $!");
    local $/;
    my $pdf = <$fh>;
    my ($w) = $pdf =~ /\/MediaBox\s*\[\s*[-\d.]+\s+[-\d.]+\s+([-\d.]+)/
        or return problem($file, "no MediaBox");
    problem($file, sprintf("the page is %.1f points wide, not 16 cm (453.5)", $w)) if abs($w - 453.5) > 1.5;
}

@ARGV or die "usage: chartlook.pl FILE.svg|FILE.png|FILE.pdf ...\n";
for my $f (@ARGV) {
    $f =~ /\.svg$/ ? look_svg($f) : $f =~ /\.png$/ ? look_png($f) : $f =~ /\.pdf$/ ? look_pdf($f)
        : problem($f, "not an .svg, .png or .pdf");
}
exit $bad;
