// The Polish stemmer and the stop-word lists ship no types: only what core/search uses is declared.

declare module '@nlpjs/lang-pl/src/stemmer-pl.js' {
  /** nlp.js's Polish stemmer: rules over text without diacritics (its own normaliser folds them first). */
  // eslint-disable-next-line no-restricted-syntax -- the module's shape: CommonJS `module.exports = StemmerPl`.
  export default class StemmerPl {
    setCurrent(word: string): void;
    innerStem(): void;
    getCurrent(): string;
  }
}

declare module 'stopword' {
  export const eng: string[];
  export const rus: string[];
  export const pol: string[];
}
