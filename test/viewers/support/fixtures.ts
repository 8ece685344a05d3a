// Fixture bytes in Chromium: Vite serves each file at a URL (`?url`), fetched as an ArrayBuffer.
import ctSmallDcm from '../../fixtures/dicom/CT_small.dcm?url'
import ctSmallNometa from '../../fixtures/dicom/CT_small_nometa.dcm?url'
import imageDfl from '../../fixtures/dicom/image_dfl.dcm?url'
import jpeg2000 from '../../fixtures/dicom/JPEG2000.dcm?url'
import mrSmall from '../../fixtures/dicom/MR_small.dcm?url'
import mrSmallBigEndian from '../../fixtures/dicom/MR_small_bigendian.dcm?url'
import mrSmallImplicit from '../../fixtures/dicom/MR_small_implicit.dcm?url'
import mrSmallJpegLs from '../../fixtures/dicom/MR_small_jpeg_ls_lossless.dcm?url'
import mrSmallRle from '../../fixtures/dicom/MR_small_RLE.dcm?url'
import mrTruncated from '../../fixtures/dicom/MR_truncated.dcm?url'
import rtdose from '../../fixtures/dicom/rtdose.dcm?url'
import scRgbJpeg from '../../fixtures/dicom/SC_rgb_jpeg_dcmtk.dcm?url'
import scRgbRle2Frame from '../../fixtures/dicom/SC_rgb_rle_2frame.dcm?url'
import ctSmallPng from '../../fixtures/image/ct_small.png?url'
import mrSmallJpg from '../../fixtures/image/mr_small.jpg?url'
import anatomical from '../../fixtures/nifti/anatomical.nii?url'
import example4d from '../../fixtures/nifti/example4d.nii.gz?url'
import ctRotateMp4 from '../../fixtures/video/ct_rotate.mp4?url'
import ctRotateWebm from '../../fixtures/video/ct_rotate.webm?url'
import test1Mp4 from '../../fixtures/video/test1.mp4?url'

export const fixtureUrls = {
  'CT_small.dcm': ctSmallDcm,
  'CT_small_nometa.dcm': ctSmallNometa,
  'JPEG2000.dcm': jpeg2000,
  'MR_small.dcm': mrSmall,
  'MR_small_RLE.dcm': mrSmallRle,
  'MR_small_bigendian.dcm': mrSmallBigEndian,
  'MR_small_implicit.dcm': mrSmallImplicit,
  'MR_small_jpeg_ls_lossless.dcm': mrSmallJpegLs,
  'MR_truncated.dcm': mrTruncated,
  'SC_rgb_jpeg_dcmtk.dcm': scRgbJpeg,
  'SC_rgb_rle_2frame.dcm': scRgbRle2Frame,
  'image_dfl.dcm': imageDfl,
  'rtdose.dcm': rtdose,
  'ct_small.png': ctSmallPng,
  'mr_small.jpg': mrSmallJpg,
  'anatomical.nii': anatomical,
  'example4d.nii.gz': example4d,
  'ct_rotate.mp4': ctRotateMp4,
  'ct_rotate.webm': ctRotateWebm,
  'test1.mp4': test1Mp4,
} as const

export type FixtureName = keyof typeof fixtureUrls

export async function fixtureBytes(name: FixtureName): Promise<Uint8Array> {
  const response = await fetch(fixtureUrls[name])
  if (!response.ok) throw new Error(`fixture ${name}: HTTP ${response.status}`)
  return new Uint8Array(await response.arrayBuffer())
}
