#!/usr/bin/python3
"""Writes the image fixtures of test/fixtures/image from DICOM slices, so a person sees anatomy in them.

Debian bookworm's python3-pydicom (2.3.1) and python3-pil (Pillow 9.4):
    apt-get install python3-pydicom python3-pil && /usr/bin/python3 scripts/make-image-fixtures.py

- ct_small.png: dicom/CT_small.dcm (128x128) in a soft-tissue window (level 40 HU, width 400), 8-bit grey
  (Pillow writes it non-interlaced).
- mr_small.jpg: dicom/MR_small.dcm (64x64) stretched over its value range, baseline JPEG (quality 90).
- ct_crop.{gif,bmp,tiff}, ct_crop_lossy.webp (VP8), ct_crop_lossless.webp (VP8L): the 100x60 crop of
  ct_small.png at (14, 34), through the body; ct_crop_alpha.webp (VP8X): the same crop, air transparent.
"""
from pathlib import Path

import numpy as np
import pydicom
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "test" / "fixtures"
OUT = FIXTURES / "image"


def windowed(ds, level=None, width=None):
    values = ds.pixel_array.astype(np.float64) * float(getattr(ds, "RescaleSlope", 1)) + float(
        getattr(ds, "RescaleIntercept", 0)
    )
    if level is None:
        low, high = np.percentile(values, [1, 99])
    else:
        low, high = level - width / 2, level + width / 2
    return (np.clip((values - low) / (high - low), 0, 1) * 255).round().astype(np.uint8)


ct = windowed(pydicom.dcmread(FIXTURES / "dicom" / "CT_small.dcm"), level=40, width=400)
Image.fromarray(ct, "L").save(OUT / "ct_small.png", interlace=1, optimize=True)

mr = windowed(pydicom.dcmread(FIXTURES / "dicom" / "MR_small.dcm"))
Image.fromarray(mr, "L").save(OUT / "mr_small.jpg", quality=90)

crop = Image.fromarray(ct, "L").crop((14, 34, 114, 94))
crop.save(OUT / "ct_crop.gif")
crop.save(OUT / "ct_crop.bmp")
crop.save(OUT / "ct_crop.tiff")
crop.convert("RGB").save(OUT / "ct_crop_lossy.webp", quality=80)
crop.convert("RGB").save(OUT / "ct_crop_lossless.webp", lossless=True)
alpha = Image.fromarray(np.where(np.asarray(crop) > 8, 255, 0).astype(np.uint8), "L")
rgba = crop.convert("RGBA")
rgba.putalpha(alpha)
rgba.save(OUT / "ct_crop_alpha.webp", lossless=True)
print("image fixtures written to", OUT)
