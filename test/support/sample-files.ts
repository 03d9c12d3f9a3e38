import { randomBytes } from 'node:crypto';
import JSZip from 'jszip';

/** A small PDF whose bytes differ per call, so a test's files never collide with another test's in the store. */
export function samplePdf(title = '村民代表大会决议', padding = 0): Buffer {
  const body = `%PDF-1.4\n% ${title} ${randomBytes(16).toString('hex')}\n1 0 obj << /Type /Catalog >> endobj\n`;
  return Buffer.concat([Buffer.from(body, 'utf8'), Buffer.alloc(padding, 0x20), Buffer.from('\n%%EOF\n')]);
}

/** A Word file as Word writes one: a ZIP holding [Content_Types].xml and word/document.xml. */
export async function sampleDocx(text = '实施方案'): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file('word/document.xml', `<w:document><w:body><w:p><w:r><w:t>${text} ${randomBytes(8).toString('hex')}</w:t></w:r></w:p></w:body></w:document>`);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A Windows program: what a renamed ".pdf" may really be. */
export function sampleExecutable(): Buffer {
  return Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode.', 'latin1'), randomBytes(64)]);
}
