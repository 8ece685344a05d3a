#!/usr/bin/env bash
# Regenerates test/fixtures/generated/: more transfer syntaxes and layouts made from the real fixtures in
# test/fixtures/dicom with Debian's tools. Needs: apt-get install -y dcmtk libgdcm-tools openjph-tools
# libjpeg-turbo-progs python3-pydicom python3-numpy (tested with DCMTK 3.6.7, GDCM 3.0.21, OpenJPH 0.9,
# libjpeg-turbo 2.1.5, pydicom 2.3.1). Then run scripts/make-reference.py for the reference decodes.
# Lossy outputs get new UIDs on each run, so keep the committed files you did not mean to change.
set -euo pipefail
cd "$(dirname "$0")/.."
src=test/fixtures/dicom
out=test/fixtures/generated
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
rm -f "$out"/*.dcm

mr=$src/MR_small.dcm # 64×64, 16-bit signed MONOCHROME2
# JPEG Lossless process 14: SV1 (its own transfer syntax) and every other selection value.
dcmcjpeg +e1 "$mr" "$out/MR_small_jpeg_lossless_sv1.dcm"
for sv in 2 3 4 5 6 7; do dcmcjpeg +el +sv "$sv" "$mr" "$out/MR_small_jpeg_lossless_sv$sv.dcm"; done
# JPEG 2000 lossless (reversible 5/3) and lossy (irreversible 9/7).
gdcmconv --j2k "$mr" "$out/MR_small_j2k_lossless.dcm"
gdcmconv --j2k --lossy --irreversible -r 8 "$mr" "$out/MR_small_j2k_lossy.dcm"
# 12-bit: MR_small's values (127..2145) relabelled as 12 bits stored, unsigned; then JPEG Extended (process 4).
cp "$mr" "$tmp/mr12.dcm"
dcmodify -nb -m "(0028,0101)=12" -m "(0028,0102)=11" -m "(0028,0103)=0" "$tmp/mr12.dcm"
cp "$tmp/mr12.dcm" "$out/MR_small_12bit.dcm"
dcmcjpeg +ee "$tmp/mr12.dcm" "$out/MR_small_12bit_jpeg_extended.dcm"
# JPEG-LS near-lossless (NEAR = 2); DCMTK encodes only unsigned data near-lossless, so from the 12-bit copy.
dcmcjpls +en +md 2 "$tmp/mr12.dcm" "$out/MR_small_12bit_jpeg_ls_near2.dcm"
# CT in RLE (second 16-bit RLE file).
dcmcrle "$src/CT_small.dcm" "$out/CT_small_RLE.dcm"

# YBR_FULL kept as YCbCr: native (JPEG decoded without colour conversion) and RLE.
dcmdjpeg +cn "$src/SC_rgb_jpeg_dcmtk.dcm" "$out/SC_rgb_ybr_full.dcm"
dcmcrle "$out/SC_rgb_ybr_full.dcm" "$out/SC_rgb_ybr_full_RLE.dcm"

# Colour, 2 frames, 100×100 8-bit RGB.
dcmdrle "$src/SC_rgb_rle_2frame.dcm" "$out/SC_rgb_2frame.dcm"
gdcmconv --raw --planar-configuration 1 "$out/SC_rgb_2frame.dcm" "$out/SC_rgb_2frame_planar1.dcm"
# JPEG baseline, YBR_FULL_422 (4:2:2 subsampling), multi-frame.
dcmcjpeg +eb "$out/SC_rgb_2frame.dcm" "$out/SC_rgb_2frame_jpeg_ybr422.dcm"
# JPEG Extended with 12-bit samples holding 8-bit colour (YBR_FULL_422, 4:2:2 subsampled).
dcmcjpeg +ee +bt "$out/SC_rgb_2frame.dcm" "$out/SC_rgb_2frame_jpeg_extended12_ybr422.dcm"
# Fragments spanning frames, no Basic Offset Table: 1 KB fragments.
dcmcjpeg +e1 -ot +fs 1 "$out/SC_rgb_2frame.dcm" "$out/SC_rgb_2frame_jpeg_lossless_nobot_frag.dcm"
dcmcjpls -ot +fs 1 "$out/SC_rgb_2frame.dcm" "$out/SC_rgb_2frame_jpeg_ls_nobot_frag.dcm"
# JPEG-LS without interleaving (colour planes one after another in the codestream).
dcmcjpls +in "$out/SC_rgb_2frame.dcm" "$out/SC_rgb_2frame_jpeg_ls_ilv_none.dcm"
# JPEG 2000 colour: reversible (YBR_RCT) and irreversible (YBR_ICT).
gdcmconv --j2k "$out/SC_rgb_2frame.dcm" "$out/SC_rgb_2frame_j2k_rct.dcm"
gdcmconv --j2k --lossy --irreversible -r 8 "$out/SC_rgb_2frame.dcm" "$out/SC_rgb_2frame_j2k_ict.dcm"
ls -l "$out"

# HTJ2K (OpenJPH's ojph_compress, Debian package openjph-tools), wrapped into DICOM with pydicom.
/usr/bin/python3 - "$mr" "$out/SC_rgb_2frame.dcm" "$tmp" <<'PY'
import sys
import pydicom
mr, rgb, tmp = sys.argv[1:4]
pydicom.dcmread(mr).pixel_array.astype('<i2').tofile(f'{tmp}/mr.raw')
frame = pydicom.dcmread(rgb).pixel_array[0]
with open(f'{tmp}/rgb.ppm', 'wb') as f:
    f.write(b'P6\n100 100\n255\n' + frame.tobytes())
PY
ojph_compress -i "$tmp/mr.raw" -o "$tmp/mr.j2c" -reversible true -num_comps 1 -signed true -bit_depth 16 \
  -dims '{64,64}' -downsamp '{1,1}' >/dev/null
ojph_compress -i "$tmp/mr.raw" -o "$tmp/mr_lossy.j2c" -qstep 0.001 -num_comps 1 -signed true -bit_depth 16 \
  -dims '{64,64}' -downsamp '{1,1}' >/dev/null
ojph_compress -i "$tmp/rgb.ppm" -o "$tmp/rgb.j2c" -reversible true >/dev/null
/usr/bin/python3 - "$mr" "$out/SC_rgb_2frame.dcm" "$tmp" "$out" <<'PY'
import sys
import pydicom
from pydicom._uid_dict import UID_dictionary
from pydicom.encaps import encapsulate
mr, rgb, tmp, out = sys.argv[1:5]
# pydicom 2.3 predates the HTJ2K transfer syntaxes: register them so it writes them.
UID_dictionary['1.2.840.10008.1.2.4.201'] = ('HTJ2K Lossless', 'Transfer Syntax', '', '', 'HTJ2KLossless')
UID_dictionary['1.2.840.10008.1.2.4.203'] = ('HTJ2K', 'Transfer Syntax', '', '', 'HTJ2K')

def wrap(source, codestream, uid, target, photometric=None, frames=1):
    ds = pydicom.dcmread(source)
    with open(codestream, 'rb') as f:
        data = f.read()
    ds.PixelData = encapsulate([data])
    ds['PixelData'].VR = 'OB'
    ds['PixelData'].is_undefined_length = True
    ds.file_meta.TransferSyntaxUID = uid
    if frames == 1 and 'NumberOfFrames' in ds:
        ds.NumberOfFrames = 1
    if photometric:
        ds.PhotometricInterpretation = photometric
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.save_as(target, write_like_original=False)

wrap(mr, f'{tmp}/mr.j2c', '1.2.840.10008.1.2.4.201', f'{out}/MR_small_htj2k_lossless.dcm')
wrap(mr, f'{tmp}/mr_lossy.j2c', '1.2.840.10008.1.2.4.203', f'{out}/MR_small_htj2k_lossy.dcm')
wrap(rgb, f'{tmp}/rgb.j2c', '1.2.840.10008.1.2.4.201', f'{out}/SC_rgb_htj2k_rct.dcm', 'YBR_RCT')
PY
ls -l "$out"/*htj2k*

# Plain JPEG files for the sequential-DCT decoder's own tests (libjpeg-turbo-progs: cjpeg/djpeg):
# restart markers after every MCU row, the reference decode (integer IDCT), and a progressive file it must refuse.
/usr/bin/python3 - "$src/CT_small.dcm" "$tmp/ct.pgm" <<'PY'
import sys
import numpy as np
import pydicom
a = pydicom.dcmread(sys.argv[1]).pixel_array.astype(np.int32)
a = ((a - a.min()) * 255 // (a.max() - a.min())).astype(np.uint8)
with open(sys.argv[2], 'wb') as f:
    f.write(b'P5\n128 128\n255\n' + a.tobytes())
PY
cjpeg -grayscale -restart 1 -quality 85 -outfile "$out/CT_small_8bit_restart.jpg" "$tmp/ct.pgm"
djpeg -dct int -pnm -outfile "$out/CT_small_8bit_restart.pgm" "$out/CT_small_8bit_restart.jpg"
cjpeg -grayscale -progressive -outfile "$out/CT_small_8bit_progressive.jpg" "$tmp/ct.pgm"
