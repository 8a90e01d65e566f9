// Vite's `?url` import: the worker file is emitted as an asset of the build and this is its URL.
declare module 'pdfjs-dist/build/pdf.worker.min.mjs?url' {
  const url: string;
  export default url;
}
