/**
 * Reading the files in a zip archive (an SSD extract sent as one .zip):
 * stored and deflated entries, found through the central directory. Node
 * only (zlib). Folders inside the archive are flattened to file names;
 * folder entries and macOS `__MACOSX` resource files are left out.
 */
import { inflateRawSync } from "node:zlib";

export class ZipError extends Error {}

/** The files of a zip archive as text (UTF-8). `maxBytes` bounds the unzipped total. */
export function unzipTextFiles(zip: Buffer, maxBytes = 512 * 1024 * 1024): { name: string; text: string }[] {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError("the file is not a zip archive");
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const out: { name: string; text: string }[] = [];
  let total = 0;
  for (let k = 0; k < count; k++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) throw new ZipError("the zip archive is damaged (central directory)");
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const path = zip.toString("utf8", at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extra + comment;
    if (path.endsWith("/") || path.startsWith("__MACOSX/") || path.split("/").pop()!.startsWith("._")) continue;
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) throw new ZipError(`the zip archive is damaged (${path})`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + compressed);
    total += size;
    if (total > maxBytes) throw new ZipError(`the zip archive holds more than ${Math.round(maxBytes / 1024 / 1024)} MB`);
    let bytes: Buffer;
    if (method === 0) bytes = data;
    else if (method === 8) bytes = inflateRawSync(data, { maxOutputLength: Math.max(size, 1) });
    else throw new ZipError(`${path} is compressed in a way Evident cannot read (method ${method}); zip it again with ordinary compression`);
    out.push({ name: path.split("/").pop()!, text: bytes.toString("utf8") });
  }
  return out;
}
