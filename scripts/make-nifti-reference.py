#!/usr/bin/python3
"""Every header field of the NIfTI fixtures as nibabel reads them, for test/api/format/niftiHeader.test.ts.

Run with Debian's python3 (python3-nibabel 5.0.0): /usr/bin/python3 scripts/make-nifti-reference.py
Writes test/fixtures/reference/nifti/headers.json. NaN and infinities are written as strings;
text fields end at their first NUL, as C (and our reader) reads them.
"""
import gzip
import io
import json
import math
import pathlib

import nibabel as nib
import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
FILES = ['nifti/anatomical.nii', 'nifti/anatomical_nifti2.nii', 'nifti/example4d.nii.gz']


def plain(value):
    if isinstance(value, bytes):
        # Text fields are C strings: up to the first NUL (numpy keeps bytes after an inner NUL).
        return value.split(b'\0')[0].decode('latin-1')
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def field(value):
    array = np.asarray(value)
    if array.dtype.kind == 'S':
        return plain(array.item())
    if array.ndim == 0:
        return plain(array.item())
    return [plain(v) for v in array.tolist()]


out = {}
for name in FILES:
    path = ROOT / 'test/fixtures' / name
    # The header as stored (nib.load's header is the image's, with vox_offset reset).
    with (gzip.open(path) if name.endswith('.gz') else open(path, 'rb')) as f:
        raw = f.read(540)
    cls = nib.Nifti2Header if 540 in (int.from_bytes(raw[:4], 'little'), int.from_bytes(raw[:4], 'big')) else nib.Nifti1Header
    header = cls.from_fileobj(io.BytesIO(raw), check=False)
    out[name] = {key: field(header[key]) for key in header.keys()}
(ROOT / 'test/fixtures/reference/nifti/headers.json').write_text(json.dumps(out, indent=1) + '\n')
