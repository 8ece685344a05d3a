/**
 * The real sample files of test/fixtures (see PROVENANCE.md there), served by Storybook at /fixtures
 * (`staticDirs` in .storybook/main.ts). Viewer stories load them with {@link loadFixture}.
 */
export interface Fixture {
  /** Path under test/fixtures. */
  path: string
  mimetype: string
  /** What the file shows, for story descriptions. */
  description: string
}

export const fixtures = {
  ctSmall: {
    path: 'dicom/CT_small.dcm',
    mimetype: 'application/dicom',
    description: 'CT, 128×128, Explicit VR Little Endian, signed 16-bit',
  },
  ctSmallNoMeta: {
    path: 'dicom/CT_small_nometa.dcm',
    mimetype: 'application/dicom',
    description: 'CT_small without preamble or file meta header',
  },
  mrSmall: {
    path: 'dicom/MR_small.dcm',
    mimetype: 'application/dicom',
    description: 'MR, 64×64, Explicit VR Little Endian',
  },
  mrImplicit: {
    path: 'dicom/MR_small_implicit.dcm',
    mimetype: 'application/dicom',
    description: 'MR_small, Implicit VR Little Endian',
  },
  mrBigEndian: {
    path: 'dicom/MR_small_bigendian.dcm',
    mimetype: 'application/dicom',
    description: 'MR_small, Explicit VR Big Endian',
  },
  mrRle: {
    path: 'dicom/MR_small_RLE.dcm',
    mimetype: 'application/dicom',
    description: 'MR_small, RLE Lossless',
  },
  mrJpegLs: {
    path: 'dicom/MR_small_jpeg_ls_lossless.dcm',
    mimetype: 'application/dicom',
    description: 'MR_small, JPEG-LS Lossless',
  },
  jpeg2000: {
    path: 'dicom/JPEG2000.dcm',
    mimetype: 'application/dicom',
    description: '1024×256, JPEG 2000',
  },
  rgbJpeg: {
    path: 'dicom/SC_rgb_jpeg_dcmtk.dcm',
    mimetype: 'application/dicom',
    description: 'Secondary capture, 100×100 colour, JPEG Baseline (YBR_FULL)',
  },
  rgbRle2Frame: {
    path: 'dicom/SC_rgb_rle_2frame.dcm',
    mimetype: 'application/dicom',
    description: '100×100 RGB, 2 frames, RLE Lossless',
  },
  deflated: {
    path: 'dicom/image_dfl.dcm',
    mimetype: 'application/dicom',
    description: '512×512 8-bit, Deflated Explicit VR Little Endian',
  },
  rtDose: {
    path: 'dicom/rtdose.dcm',
    mimetype: 'application/dicom',
    description: 'RT dose, 10×10, 15 frames, unsigned 32-bit',
  },
  mrTruncated: {
    path: 'dicom/MR_truncated.dcm',
    mimetype: 'application/dicom',
    description: 'A truncated MR file: the viewer must say so, not crash',
  },
  ctSmallRle: {
    path: 'generated/CT_small_RLE.dcm',
    mimetype: 'application/dicom',
    description: 'CT_small re-encoded as RLE Lossless',
  },
  mr12bit: {
    path: 'generated/MR_small_12bit.dcm',
    mimetype: 'application/dicom',
    description: 'MR_small as 12-bit native (Explicit VR Little Endian)',
  },
  mrJpegExtended12: {
    path: 'generated/MR_small_12bit_jpeg_extended.dcm',
    mimetype: 'application/dicom',
    description: '12-bit, JPEG Extended (process 2 & 4)',
  },
  mrJpegLsNear2: {
    path: 'generated/MR_small_12bit_jpeg_ls_near2.dcm',
    mimetype: 'application/dicom',
    description: '12-bit, JPEG-LS near-lossless (NEAR=2)',
  },
  mrHtj2kLossless: {
    path: 'generated/MR_small_htj2k_lossless.dcm',
    mimetype: 'application/dicom',
    description: 'HTJ2K lossless',
  },
  mrHtj2kLossy: {
    path: 'generated/MR_small_htj2k_lossy.dcm',
    mimetype: 'application/dicom',
    description: 'HTJ2K lossy',
  },
  mrJ2kLossless: {
    path: 'generated/MR_small_j2k_lossless.dcm',
    mimetype: 'application/dicom',
    description: 'JPEG 2000 lossless',
  },
  mrJ2kLossy: {
    path: 'generated/MR_small_j2k_lossy.dcm',
    mimetype: 'application/dicom',
    description: 'JPEG 2000 lossy',
  },
  mrJpegLosslessSv1: {
    path: 'generated/MR_small_jpeg_lossless_sv1.dcm',
    mimetype: 'application/dicom',
    description: 'JPEG Lossless, selection value 1 (process 14 SV1)',
  },
  mrJpegLosslessSv2: {
    path: 'generated/MR_small_jpeg_lossless_sv2.dcm',
    mimetype: 'application/dicom',
    description: 'JPEG Lossless, selection value 2',
  },
  mrJpegLosslessSv3: {
    path: 'generated/MR_small_jpeg_lossless_sv3.dcm',
    mimetype: 'application/dicom',
    description: 'JPEG Lossless, selection value 3',
  },
  mrJpegLosslessSv4: {
    path: 'generated/MR_small_jpeg_lossless_sv4.dcm',
    mimetype: 'application/dicom',
    description: 'JPEG Lossless, selection value 4',
  },
  mrJpegLosslessSv5: {
    path: 'generated/MR_small_jpeg_lossless_sv5.dcm',
    mimetype: 'application/dicom',
    description: 'JPEG Lossless, selection value 5',
  },
  mrJpegLosslessSv6: {
    path: 'generated/MR_small_jpeg_lossless_sv6.dcm',
    mimetype: 'application/dicom',
    description: 'JPEG Lossless, selection value 6',
  },
  mrJpegLosslessSv7: {
    path: 'generated/MR_small_jpeg_lossless_sv7.dcm',
    mimetype: 'application/dicom',
    description: 'JPEG Lossless, selection value 7',
  },
  rgb2Frame: {
    path: 'generated/SC_rgb_2frame.dcm',
    mimetype: 'application/dicom',
    description: 'RGB, 2 frames, native',
  },
  rgb2FrameJ2kIct: {
    path: 'generated/SC_rgb_2frame_j2k_ict.dcm',
    mimetype: 'application/dicom',
    description: 'RGB, 2 frames, JPEG 2000 lossy (ICT)',
  },
  rgb2FrameJ2kRct: {
    path: 'generated/SC_rgb_2frame_j2k_rct.dcm',
    mimetype: 'application/dicom',
    description: 'RGB, 2 frames, JPEG 2000 lossless (RCT)',
  },
  rgb2FrameJpegExtended12Ybr422: {
    path: 'generated/SC_rgb_2frame_jpeg_extended12_ybr422.dcm',
    mimetype: 'application/dicom',
    description: 'RGB, 2 frames, JPEG Extended 12-bit, YBR_FULL_422',
  },
  rgb2FrameJpegLosslessNoBot: {
    path: 'generated/SC_rgb_2frame_jpeg_lossless_nobot_frag.dcm',
    mimetype: 'application/dicom',
    description: 'RGB, 2 frames, JPEG Lossless, fragments without a Basic Offset Table',
  },
  rgb2FrameJpegLsIlvNone: {
    path: 'generated/SC_rgb_2frame_jpeg_ls_ilv_none.dcm',
    mimetype: 'application/dicom',
    description: 'RGB, 2 frames, JPEG-LS, uninterleaved',
  },
  rgb2FrameJpegLsNoBot: {
    path: 'generated/SC_rgb_2frame_jpeg_ls_nobot_frag.dcm',
    mimetype: 'application/dicom',
    description: 'RGB, 2 frames, JPEG-LS, multi-fragment without a Basic Offset Table',
  },
  rgb2FrameJpegYbr422: {
    path: 'generated/SC_rgb_2frame_jpeg_ybr422.dcm',
    mimetype: 'application/dicom',
    description: 'RGB, 2 frames, JPEG Baseline YBR_FULL_422',
  },
  rgb2FramePlanar1: {
    path: 'generated/SC_rgb_2frame_planar1.dcm',
    mimetype: 'application/dicom',
    description: 'RGB, 2 frames, native, planar configuration 1',
  },
  rgbHtj2kRct: {
    path: 'generated/SC_rgb_htj2k_rct.dcm',
    mimetype: 'application/dicom',
    description: 'RGB, HTJ2K with RCT',
  },
  anatomical: {
    path: 'nifti/anatomical.nii',
    mimetype: 'application/nifti',
    description: 'NIfTI-1, 3D anatomical volume',
  },
  example4d: {
    path: 'nifti/example4d.nii.gz',
    mimetype: 'application/nifti',
    description: 'NIfTI-1, gzip-compressed, 4D (with time)',
  },
  ctPng: {
    path: 'image/ct_small.png',
    mimetype: 'image/png',
    description: 'PNG, 128×128 8-bit grey (CT soft-tissue window)',
  },
  mrJpg: { path: 'image/mr_small.jpg', mimetype: 'image/jpeg', description: 'JPEG, 64×64 baseline' },
  ctCropGif: {
    path: 'image/ct_crop.gif',
    mimetype: 'image/gif',
    description: 'GIF, 100×60 crop of ct_small.png',
  },
  ctCropBmp: { path: 'image/ct_crop.bmp', mimetype: 'image/bmp', description: 'BMP, 100×60' },
  ctCropTiff: {
    path: 'image/ct_crop.tiff',
    mimetype: 'image/tiff',
    description: 'TIFF, 100×60: Chromium cannot display TIFF',
  },
  ctCropWebpLossy: {
    path: 'image/ct_crop_lossy.webp',
    mimetype: 'image/webp',
    description: 'WebP lossy (VP8)',
  },
  ctCropWebpLossless: {
    path: 'image/ct_crop_lossless.webp',
    mimetype: 'image/webp',
    description: 'WebP lossless (VP8L)',
  },
  ctCropWebpAlpha: {
    path: 'image/ct_crop_alpha.webp',
    mimetype: 'image/webp',
    description: 'WebP with alpha (VP8X)',
  },
  anatomicalNifti2: {
    path: 'nifti/anatomical_nifti2.nii',
    mimetype: 'application/nifti',
    description: 'NIfTI-2 (540-byte header), the same 3D volume',
  },
  ctRotateMov: {
    path: 'video/ct_rotate.mov',
    mimetype: 'video/quicktime',
    description: 'QuickTime (H.264), 1 s',
  },
  ctRotateAvi: { path: 'video/ct_rotate.avi', mimetype: 'video/x-msvideo', description: 'AVI (MJPEG), 1 s' },
  ctRotateWebm: {
    path: 'video/ct_rotate.webm',
    mimetype: 'video/webm',
    description: 'WebM (VP9), 2 s at 10 fps',
  },
  ctRotateMp4: {
    path: 'video/ct_rotate.mp4',
    mimetype: 'video/mp4',
    description: 'MP4 (H.264 baseline), 2 s',
  },
  test1Mp4: {
    path: 'video/test1.mp4',
    mimetype: 'video/mp4',
    description: 'MP4 with MPEG-4 Part 2 video: browsers cannot play it',
  },
} as const satisfies Record<string, Fixture>

export type FixtureName = keyof typeof fixtures

/** Fetches a fixture's bytes from Storybook's static files. */
export async function loadFixture(fixture: Fixture): Promise<Uint8Array> {
  const response = await fetch(`/fixtures/${fixture.path}`)
  if (!response.ok) throw new Error(`Fixture ${fixture.path}: HTTP ${response.status}`)
  return new Uint8Array(await response.arrayBuffer())
}
