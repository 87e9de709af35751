// site-files.mjs — what the browser checks need to know about a built site
// folder: its HTML files and the URL path each one is served at.
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

// Every *.html file under root, as paths starting with root, sorted.
export function htmlFiles(root) {
  const out = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.html')) out.push(p);
    }
  };
  walk(root);
  return out.sort();
}

// The URL path a file under root is served at: a folder's index.html as the
// folder with its trailing slash (/news/2024-x/), other files by name.
export function urlPath(root, file) {
  const rel = relative(root, file).split(sep).join('/');
  return '/' + rel.replace(/(^|\/)index\.html$/, '$1');
}
