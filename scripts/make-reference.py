#!/usr/bin/python3
"""Reference decodes of the DICOM test files, written to test/fixtures/reference/<name>.json.

Stored values per frame as pydicom decodes them (its numpy and RLE handlers, and GDCM for JPEG, JPEG-LS and
JPEG 2000), cross-checked against DCMTK/GDCM command-line decompression to native followed by pydicom.
When the two disagree on a lossless file the tool's decode is kept (see the note in main()).
Each frame gets the SHA-256 of its little-endian stored values (row-major, interleaved RGB), min, max and a
few sample pixels; lossy files also get the whole array, gzipped, so tests can bound the difference.
YCbCr results are converted to RGB with pydicom's convert_color_space, as our decoder outputs RGB.

Needs Debian packages: python3-pydicom python3-numpy python3-gdcm dcmtk libgdcm-tools.
Run from the repository root: /usr/bin/python3 scripts/make-reference.py
"""
import gzip
import hashlib
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import pydicom
from pydicom.pixel_data_handlers.util import convert_color_space

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'test', 'fixtures', 'reference')
DIRS = ['test/fixtures/dicom', 'test/fixtures/generated']
# Files with no pixel data to decode (they must fail) or no file meta (tested through CT_small).
SKIP = {'MR_truncated.dcm', 'CT_small_nometa.dcm'}

HTJ2K = {'1.2.840.10008.1.2.4.201', '1.2.840.10008.1.2.4.202', '1.2.840.10008.1.2.4.203'}
LOSSY = {
    '1.2.840.10008.1.2.4.203',
    '1.2.840.10008.1.2.4.50', '1.2.840.10008.1.2.4.51', '1.2.840.10008.1.2.4.81', '1.2.840.10008.1.2.4.91',
}
NATIVE = {'1.2.840.10008.1.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.2', '1.2.840.10008.1.2.1.99'}


def tool_for(ts):
    """Command line that decompresses a file of this transfer syntax to Explicit VR Little Endian."""
    if ts == '1.2.840.10008.1.2.5':
        return ['dcmdrle']
    if ts in ('1.2.840.10008.1.2.4.80', '1.2.840.10008.1.2.4.81'):
        return ['dcmdjpls']
    if ts.startswith('1.2.840.10008.1.2.4.5') or ts.startswith('1.2.840.10008.1.2.4.7'):
        return ['dcmdjpeg']
    if ts.startswith('1.2.840.10008.1.2.4.9'):
        return ['gdcmconv', '--raw']
    return None


def frames_of(ds):
    """pixel_array as (frames, rows, columns[, 3]) stored values, YCbCr converted to RGB."""
    arr = ds.pixel_array
    frames = int(getattr(ds, 'NumberOfFrames', 1) or 1)
    spp = int(ds.SamplesPerPixel)
    if frames == 1:
        arr = arr[np.newaxis]
    pi = str(ds.PhotometricInterpretation)
    ts = str(ds.file_meta.TransferSyntaxUID)
    # pydicom leaves YCbCr as is (GDCM too, for JPEG); JPEG 2000 RCT/ICT are already inverted by the codec.
    if spp == 3 and pi in ('YBR_FULL', 'YBR_FULL_422'):
        bits = int(ds.BitsStored)
        if bits == 8:
            arr = np.stack([convert_color_space(f, 'YBR_FULL', 'RGB') for f in arr])
        else:  # pydicom's conversion is 8-bit only: the same PS3.3 C.7.6.3.1.2 formula, offset 2^(bits-1)
            arr = ybr_full_to_rgb(arr, bits)
    return arr, ts


def ybr_full_to_rgb(arr, bits):
    half, top = 2 ** (bits - 1), 2 ** bits - 1
    y, cb, cr = (arr[..., i].astype(np.float64) for i in range(3))
    cb, cr = cb - half, cr - half
    rgb = np.stack([y + 1.402 * cr, y - 0.344136 * cb - 0.714136 * cr, y + 1.772 * cb], axis=-1)
    return np.clip(np.floor(rgb + 0.5), 0, top).astype(arr.dtype)


def htj2k_frames(ds):
    """pydicom 2.3 cannot decode HTJ2K: expand each frame's codestream with OpenJPH's ojph_expand."""
    from pydicom.encaps import generate_pixel_data_frame
    frames = int(getattr(ds, 'NumberOfFrames', 1) or 1)
    rows, cols, spp = int(ds.Rows), int(ds.Columns), int(ds.SamplesPerPixel)
    dtype = ('<i' if int(ds.PixelRepresentation) else '<u') + str(int(ds.BitsAllocated) // 8)
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for frame in generate_pixel_data_frame(ds.PixelData, frames):
            with open(f'{tmp}/f.j2c', 'wb') as f:
                f.write(frame)
            target = f'{tmp}/f.' + ('ppm' if spp == 3 else 'raw')
            subprocess.run(['ojph_expand', '-i', f'{tmp}/f.j2c', '-o', target], check=True, capture_output=True)
            with open(target, 'rb') as f:
                data = f.read()
            if spp == 3:  # binary PPM: skip the three header lines
                data = data.split(b'\n', 3)[3]
                out.append(np.frombuffer(data, np.uint8).reshape(rows, cols, 3))
            else:
                out.append(np.frombuffer(data, dtype).reshape(rows, cols))
    return np.stack(out)


def describe(arr):
    frames = []
    for f in arr:
        le = f.astype(f.dtype.newbyteorder('<'), copy=False)
        flat = le.reshape(-1)
        idx = sorted({0, 1, len(flat) // 3, len(flat) // 2, len(flat) - 1})
        frames.append({
            'sha256': hashlib.sha256(le.tobytes()).hexdigest(),
            'min': int(flat.min()),
            'max': int(flat.max()),
            'samples': [[int(i), int(flat[i])] for i in idx],
        })
    return frames


def main():
    os.makedirs(OUT, exist_ok=True)
    for d in DIRS:
        for name in sorted(os.listdir(os.path.join(ROOT, d))):
            if not name.endswith('.dcm') or name in SKIP:
                continue
            path = os.path.join(ROOT, d, name)
            ds = pydicom.dcmread(path)
            ts = str(ds.file_meta.TransferSyntaxUID)
            entry = {
                'file': f'{d}/{name}',
                'transferSyntaxUID': ts,
                'lossy': ts in LOSSY,
                'rows': int(ds.Rows),
                'columns': int(ds.Columns),
                'samplesPerPixel': int(ds.SamplesPerPixel),
                'numberOfFrames': int(getattr(ds, 'NumberOfFrames', 1) or 1),
            }
            arr = None
            if ts in HTJ2K:
                arr = htj2k_frames(ds)
                entry['decoder'] = 'ojph_expand (OpenJPH)'
            else:
                try:
                    arr, _ = frames_of(ds)
                    plain = ts in NATIVE or ts.endswith('.5')
                    entry['decoder'] = f'pydicom {pydicom.__version__}' + ('' if plain else ' + GDCM')
                except Exception as e:  # pydicom cannot decode it: the tool's decode is the reference.
                    entry['pydicomError'] = str(e)
            cmd = None if ts in HTJ2K else tool_for(ts)
            if cmd:
                with tempfile.TemporaryDirectory() as tmp:
                    native = os.path.join(tmp, 'native.dcm')
                    subprocess.run(cmd + [path, native], check=True, capture_output=True)
                    tool_arr, _ = frames_of(pydicom.dcmread(native))
                if arr is None:
                    arr = tool_arr
                    entry['decoder'] = ' '.join(cmd) + f' + pydicom {pydicom.__version__}'
                else:
                    diff = int(np.abs(arr.astype(np.int64) - tool_arr.astype(np.int64)).max())
                    entry['crossCheck'] = {'decoder': ' '.join(cmd) + ' + pydicom', 'maxAbsDiff': diff}
                    if diff and not entry['lossy']:
                        # pydicom 2.3 + GDCM returns uninterleaved JPEG-LS colour (ILV none) as planes while the
                        # dataset says Planar Configuration 0; the DCMTK decode matches the source image.
                        arr = tool_arr
                        entry['decoder'], entry['crossCheck']['decoder'] = entry['crossCheck']['decoder'], entry['decoder']
            entry['dtype'] = arr.dtype.name
            entry['frames'] = describe(arr)
            base = os.path.splitext(name)[0]
            if entry['lossy']:
                raw = arr.astype(arr.dtype.newbyteorder('<'), copy=False).tobytes()
                with open(os.path.join(OUT, base + '.raw.gz'), 'wb') as f:
                    f.write(gzip.compress(raw, mtime=0))
                entry['raw'] = base + '.raw.gz'
            with open(os.path.join(OUT, base + '.json'), 'w') as f:
                json.dump(entry, f, indent=1)
                f.write('\n')
            print(name, entry.get('decoder'), entry.get('crossCheck', ''), file=sys.stderr)


if __name__ == '__main__':
    main()
