/** Essay-file text extraction (issue 4 §3): the one entry point the upload route and file-event consumer use. */
export { contentKeyOf, extractEssayText, rejectedFile } from './extractEssayText.js';
export { excerpt } from './excerpt.js';
export { SUPPORTED_EXTENSIONS } from './format.js';
export {
  DEFAULT_MAX_DOCX_ENTRIES,
  DEFAULT_MAX_DOCX_TOTAL_BYTES,
  DEFAULT_MAX_DOCX_XML_BYTES,
  DEFAULT_MAX_PDF_PAGES,
  type EssayFile,
  type EssayFormat,
  type ExtractionFailure,
  type ExtractionResult,
  type ExtractionSuccess,
  type IntakeLimits,
} from './types.js';
