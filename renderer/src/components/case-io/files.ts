/**
 * Files between the window and Odyssey: a picked file read into the contract's upload shape
 * (refused here, before sending, when over the limit), and bytes handed back as a download.
 */
import {
  MAX_UPLOAD_BYTES,
  OdysseyApiError,
  type UploadedFileT,
} from '../../../../core/api/contract.js';
import { formatBytes } from '../../format.js';

/** The file as base64 for the API; a file over the limit is refused with `tooLargeHint`. */
export async function readUpload(file: File, tooLargeHint: string): Promise<UploadedFileT> {
  if (file.size > MAX_UPLOAD_BYTES) {
    throw new OdysseyApiError(
      'upload-too-large',
      `${file.name} is ${formatBytes(file.size)}; the app takes files of up to ${formatBytes(MAX_UPLOAD_BYTES)}.`,
      tooLargeHint,
    );
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // In slices: String.fromCharCode(...all) overflows the call stack on large files.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return { fileName: file.name, base64: btoa(binary) };
}

/** Hands the bytes to the browser (or Electron) as a file download. */
export function download(fileName: string, mimeType: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
