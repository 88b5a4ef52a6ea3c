// Vite's `?raw` suffix imports a file's text; tests use it to read shared data without
// giving this package Node's types (analytics stays free of I/O APIs).
declare module '*?raw' {
  const text: string;
  export default text;
}
