#!/usr/bin/perl
# pngshare.pl - the share of a PNG's pixels that are not white, for
# tests/browser.sh (is a screenshot blank?). Decodes the PNG itself with
# core perl (Compress::Zlib): 8-bit greyscale, RGB, grey+alpha or RGBA, not
# interlaced (what Chromium's screenshots are). A pixel is "not white" when
# any colour channel is below 240 (anti-aliased text edges count; the page's
# white, and a nearly white border such as #eee, do not). A pixel is
# "coloured" when its channels differ by more than 60 (report.html's own
# stylesheet is all greys, so in a screenshot of it colour comes from charts).
# usage: perl tests/pngshare.pl FILE.png [FROM_ROW TO_ROW]
#   prints "WIDTH HEIGHT INK COLOURED": the shares (in %, 2 decimals) of the
#   pixels not white and of those coloured, over the rows FROM_ROW..TO_ROW-1
#   (default all); exit 2 when the file is not such a PNG.
use strict;
use warnings;
use Compress::Zlib;

my ($file, $from, $to) = @ARGV;
die "usage: pngshare.pl FILE.png [FROM TO]\n" unless defined $file;
open my $fh, '<:raw', $file or die "pngshare: $file: $!\n";
local $/;
my $png = <$fh>;
close $fh;
sub fail { print STDERR "pngshare: $file: $_[0]\n"; exit 2 }
fail("not a PNG") unless substr($png, 0, 8) eq "\x89PNG\r\n\x1a\n";
my ($w, $h, $depth, $ctype, $interlace, $idat) = (0, 0, 0, 0, 0, '');
my $at = 8;
while ($at + 8 <= length $png) {
    my ($len, $type) = unpack 'Na4', substr($png, $at, 8);
    my $data = substr($png, $at + 8, $len);
    if ($type eq 'IHDR') {
        ($w, $h, $depth, $ctype, undef, undef, $interlace) = unpack 'NNCCCCC', $data;
    } elsif ($type eq 'IDAT') {
        $idat .= $data;
    } elsif ($type eq 'IEND') {
        last;
    }
    $at += 12 + $len;
}
my %channels = (0 => 1, 2 => 3, 4 => 2, 6 => 4);
fail("bit depth $depth, colour type $ctype, interlace $interlace: not read here")
    unless $depth == 8 && exists $channels{$ctype} && !$interlace;
my $bpp = $channels{$ctype};
my $colours = $ctype == 0 || $ctype == 4 ? 1 : 3;
my $raw = uncompress($idat);
fail("IDAT does not inflate") unless defined $raw;
my $stride = $w * $bpp;
fail("IDAT holds " . length($raw) . " bytes, not " . ($stride + 1) * $h) unless length $raw == ($stride + 1) * $h;
$from = 0 unless defined $from;
$to = $h unless defined $to && $to <= $h;
my @prev = (0) x $stride;
my ($dark, $colour, $seen) = (0, 0, 0);
for my $y (0 .. $h - 1) {
    my $filter = ord substr($raw, $y * ($stride + 1), 1);
    my @cur = unpack 'C*', substr($raw, $y * ($stride + 1) + 1, $stride);
    for my $i (0 .. $stride - 1) {
        my $a = $i >= $bpp ? $cur[$i - $bpp] : 0;
        my $b = $prev[$i];
        my $c = $i >= $bpp ? $prev[$i - $bpp] : 0;
        my $x = $cur[$i];
        if ($filter == 1) { $x += $a }
        elsif ($filter == 2) { $x += $b }
        elsif ($filter == 3) { $x += ($a + $b) >> 1 }
        elsif ($filter == 4) {
            my $p = $a + $b - $c;
            my ($pa, $pb, $pc) = (abs($p - $a), abs($p - $b), abs($p - $c));
            $x += $pa <= $pb && $pa <= $pc ? $a : $pb <= $pc ? $b : $c;
        } elsif ($filter != 0) { fail("row $y: filter $filter") }
        $cur[$i] = $x & 255;
    }
    if ($y >= $from && $y < $to) {
        for (my $i = 0; $i < $stride; $i += $bpp) {
            my $ink = 0;
            my ($lo, $hi) = (255, 0);
            for my $k (0 .. $colours - 1) {
                my $v = $cur[$i + $k];
                $ink = 1 if $v < 240;
                $lo = $v if $v < $lo;
                $hi = $v if $v > $hi;
            }
            $dark += $ink;
            $colour++ if $hi - $lo > 60;
            $seen++;
        }
    }
    @prev = @cur;
}
printf "%d %d %.2f %.2f\n", $w, $h, $seen ? 100 * $dark / $seen : 0, $seen ? 100 * $colour / $seen : 0;
