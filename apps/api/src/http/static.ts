/**
 * Serves a built single-page front end (Vite `dist/` folder): files as they
 * are, `index.html` for any other GET under the mount point (client-side
 * routing), and a plain page saying the front end is not built when the
 * folder is missing.
 */
import { readFile, stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import type { Context, Hono } from "hono";
import type { AppEnv } from "./env.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".ico": "image/x-icon",
  ".webp": "image/webp",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function isDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

function notBuilt(c: Context<AppEnv>, name: string) {
  c.set("staticFile", true);
  return c.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Evident</title></head><body><main><h1>Evident</h1><p>Front end not built: the ${name} app has no build yet. Run <code>npm run build</code>, then restart the server. The API is available at <code>/trpc</code>.</p></main></body></html>`,
    200,
  );
}

/**
 * Mounts a front end at `prefix` ("" for the root, "/training" for the training app).
 * `reserved` paths (API routes) are never answered with index.html.
 */
export function mountFrontEnd(app: Hono<AppEnv>, options: { prefix: string; dir: string | null; name: string; reserved: RegExp }) {
  const root = options.dir ? resolve(options.dir) : null;
  const pattern = options.prefix === "" ? "/*" : `${options.prefix}/*`;
  const handler = async (c: Context<AppEnv>) => {
    const url = new URL(c.req.url);
    let path = url.pathname;
    if (options.reserved.test(path)) return c.notFound();
    if (!root || !(await isDir(root))) return notBuilt(c, options.name);
    path = path.slice(options.prefix.length) || "/";
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return c.notFound();
    }
    if (decoded.includes("\0")) return c.notFound();
    // Browsers ask for /favicon.ico on their own: answer with the GOV.UK icon the build copies in.
    if (decoded === "/favicon.ico") decoded = "/assets/images/favicon.ico";
    const target = resolve(join(root, decoded));
    if (target !== root && !target.startsWith(root + sep)) return c.notFound();
    let file = target;
    let isIndex = false;
    if (!(await isFile(file))) {
      // Missing asset files are 404s; anything else is a client-side route.
      if (extname(decoded) !== "" && !decoded.endsWith(".html")) return c.notFound();
      file = join(root, "index.html");
      isIndex = true;
      if (!(await isFile(file))) return notBuilt(c, options.name);
    }
    const body = await readFile(file);
    const type = TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
    c.set("staticFile", true);
    if (!isIndex && /\/assets\//.test(decoded)) c.set("cacheable", true);
    if (c.get("cacheable")) c.header("Cache-Control", "public, max-age=31536000, immutable");
    return c.body(body, 200, { "Content-Type": type });
  };
  if (options.prefix !== "") app.get(options.prefix, (c) => c.redirect(`${options.prefix}/`, 301));
  app.get(pattern, handler);
  app.on("HEAD", pattern, handler);
}
