#!/usr/bin/perl
# pdfpages.pl - the text of each page of a PDF that Chromium printed, line
# by line, for tests/browser.sh (there is no PDF rasteriser or pdftotext
# here). Reads what Chromium's PDFs are made of, nothing more: objects with
# FlateDecode streams, Type0 fonts with a ToUnicode CMap (bfchar, bfrange),
# text shown with <hex> Tj and [<hex> ...] TJ, placed by Tm and Td. A page's
# own text only (the lines of its flow, from the top down); the charts'
# text, in form XObjects of their own, is left out.
# usage: perl tests/pdfpages.pl FILE.pdf
#   prints one line per text line: "PAGE<TAB>Y<TAB>B<TAB>TEXT", Y the line's
#   position on the page (pt, from the top), B 1 when all of it is in a bold
#   font (a heading or a table's heading row), else 0.
use strict;
use warnings;
use Compress::Zlib;

local $/;
my $pdf = <>;
my %obj;
$obj{$1} = $2 while $pdf =~ /(\d+) 0 obj\s*(.*?)endobj/gs;
sub stream {
    my $o = $obj{ $_[0] } // return '';
    $o =~ /stream\r?\n(.*)endstream/s or return '';
    my $s = $1;
    return $o =~ /FlateDecode/ ? (uncompress($s) // '') : $s;
}
# glyph id -> text, from a ToUnicode CMap
sub cmap {
    my %m;
    my $c = stream($_[0]);
    while ($c =~ /beginbfchar(.*?)endbfchar/gs) {
        my $b = $1;
        $m{ hex $1 } = $2 while $b =~ /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g;
    }
    while ($c =~ /beginbfrange(.*?)endbfrange/gs) {
        my $b = $1;
        while ($b =~ /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g) {
            my ($lo, $hi, $d) = (hex $1, hex $2, hex $3);
            $m{$_} = sprintf '%04X', $d + $_ - $lo for $lo .. $hi;
        }
    }
    return \%m;
}
sub utf16 { my ($h, $s) = (shift, ''); $s .= chr hex substr($h, 4 * $_, 4) for 0 .. length($h) / 4 - 1; $s }

# the pages in order: the page tree from the catalogue, depth first
my ($cat) = grep { $obj{$_} =~ m{/Type\s*/Catalog\b} } keys %obj;
die "pdfpages: no catalogue\n" unless defined $cat && $obj{$cat} =~ m{/Pages\s+(\d+) 0 R};
my @order;
sub walk {
    my $o = $obj{ $_[0] } // return;
    if ($o =~ m{/Type\s*/Pages\b}) { walk($_) for ($o =~ /\/Kids\s*\[([^\]]*)\]/ ? $1 =~ /(\d+) 0 R/g : ()) }
    elsif ($o =~ m{/Type\s*/Page\b}) { push @order, $_[0] }
}
walk($1);
binmode STDOUT, ':utf8';
my $pn = 0;
for my $p (@order) {
    $pn++;
    my $po = $obj{$p} // next;
    my %font;
    if ($po =~ m{/Font\s*<<(.*?)>>}s) {
        my $f = $1;
        while ($f =~ m{/(\w+)\s+(\d+) 0 R}g) {
            my ($name, $o) = ($1, $obj{$2} // '');
            $font{$name} = { map => $o =~ m{/ToUnicode\s+(\d+)} ? cmap($1) : {}, bold => $o =~ /Bold/ ? 1 : 0 };
        }
    }
    my @c = $po =~ m{/Contents\s*\[([^\]]*)\]} ? ($1 =~ /(\d+) 0 R/g) : ($po =~ m{/Contents\s+(\d+) 0 R});
    my $cs = join "\n", map { stream($_) } @c;
    my ($f, $y, %text, %bold) = ({ map => {}, bold => 0 }, 0);
    my $num = qr/[-\d.]+/;
    while ($cs =~ m{/(\w+)\s+$num\s+Tf|$num\s+$num\s+$num\s+$num\s+$num\s+($num)\s+Tm|$num\s+($num)\s+Td|<([0-9A-Fa-f]*)>\s*Tj|\[([^\]]*)\]\s*TJ}g) {
        if (defined $1) { $f = $font{$1} // { map => {}, bold => 0 } }
        elsif (defined $2) { $y = $2 }
        elsif (defined $3) { $y += $3 }
        else {
            my @h = defined $4 ? ($4) : ($5 =~ /<([0-9A-Fa-f]*)>/g);
            my $t = '';
            for my $h (@h) {
                for (my $i = 0; $i + 4 <= length $h; $i += 4) {
                    my $g = hex substr($h, $i, 4);
                    $t .= exists $f->{map}{$g} ? utf16($f->{map}{$g}) : '?';
                }
            }
            next if $t eq '' || $y == 0;
            my $k = sprintf '%.0f', $y;
            $bold{$k} = ($bold{$k} // 1) && $f->{bold};
            $text{$k} .= $t;
        }
    }
    print "$pn\t$_\t$bold{$_}\t$text{$_}\n" for sort { $a <=> $b } keys %text;
}
