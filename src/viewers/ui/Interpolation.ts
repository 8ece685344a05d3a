/**
 * How an image viewer magnifies pixels: `smooth` (bilinear filtering, the default in every viewer) or
 * `pixelated` (nearest neighbour: each image pixel a sharp square, e.g. for small dose grids or label maps).
 */
export type Interpolation = 'smooth' | 'pixelated'
