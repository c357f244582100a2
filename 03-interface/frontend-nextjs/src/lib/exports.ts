/** The transcript formats the API exports, in the order the buttons show them. */
export const EXPORT_FORMATS = [
  { format: "txt", label: "TXT", description: "Plain text" },
  { format: "srt", label: "SRT", description: "SubRip subtitles" },
  { format: "vtt", label: "VTT", description: "WebVTT subtitles" },
  { format: "docx", label: "DOCX", description: "Word document" },
  { format: "pdf", label: "PDF", description: "PDF document" },
  { format: "json", label: "JSON", description: "Full data with word timings" },
] as const;
