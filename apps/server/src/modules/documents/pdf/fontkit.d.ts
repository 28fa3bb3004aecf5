// The few fontkit calls the PDF renderer uses (fontkit ships no types; pdfkit bundles it).
declare module 'fontkit' {
  export type Font = {
    postscriptName: string;
    hasGlyphForCodePoint(codePoint: number): boolean;
    unitsPerEm: number;
    ascent: number;
    layout(text: string): unknown;
    glyphForCodePoint(codePoint: number): { id: number; advanceWidth: number; path: { toSVG(): string } };
  };
  export type FontCollection = { fonts: Font[] };
  export function openSync(path: string, postscriptName?: string): Font | FontCollection;
  export function create(buffer: Uint8Array, postscriptName?: string): Font | FontCollection;
}
