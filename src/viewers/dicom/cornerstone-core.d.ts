// cornerstone-core ships no types; src/viewers/dicom/Cornerstone.ts describes the part of it we use.
declare module 'cornerstone-core' {
  const cornerstone: unknown
  export default cornerstone
}
