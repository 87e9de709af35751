// vnu.mjs — the Nu Html Checker (npm vnu-jar, run with the machine's Java)
// on every HTML file of a built site.  Usage: node vnu.mjs SITE_DIR
//
// One Java run checks all files (the JVM start is most of the time); its
// JSON report is split per file and each file prints `ok vnu <path>` or
// `FAIL vnu <path>: line:col message; …`.  Errors fail, warnings and info
// do not.  LC_ALL=C.UTF-8 is forced: under another locale vnu silently
// skips files whose path is not ASCII (tag pages here are named in Chinese).
// A file vnu reports nothing about at all (neither checked nor skipped)
// fails too, so a skipped file can never pass unseen.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { relative, resolve, sep } from 'node:path';
import { htmlFiles } from './site-files.mjs';

const require = createRequire(import.meta.url);
const VNU_JAR = require.resolve('vnu-jar/build/dist/vnu.jar');

// The file a message's URL names: vnu writes `file:/abs/path`, sometimes
// percent-encoded.
function fileOf(url) {
  const path = (url || '').replace(/^file:(\/\/)?/, '');
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function main() {
  const root = process.argv[2];
  if (!root) {
    console.error('usage: node vnu.mjs SITE_DIR');
    process.exit(2);
  }
  const files = htmlFiles(resolve(root));
  if (files.length === 0) {
    console.log(`FAIL vnu: no HTML file in ${root}`);
    process.exitCode = 1;
    return;
  }
  // --verbose prints each file's name (as given) on stdout when vnu checks
  // it; the JSON report goes to stderr
  const run = spawnSync('java', ['-jar', VNU_JAR, '--format', 'json', '--verbose', ...files], {
    env: { ...process.env, LC_ALL: 'C.UTF-8' },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  let report;
  try {
    report = JSON.parse(run.stderr);
  } catch {
    console.log(`FAIL vnu: no report from java (status ${run.status}): ${(run.error || run.stderr || '').toString().slice(0, 300)}`);
    process.exitCode = 1;
    return;
  }
  const checked = new Set(run.stdout.split('\n'));
  const errors = new Map(files.map((f) => [f, []]));
  for (const m of report.messages) {
    if (m.type !== 'error' && m.subType !== 'fatal') continue;
    const file = fileOf(m.url);
    const where = `${m.lastLine || m.firstLine || 0}:${m.firstColumn || m.lastColumn || 0}`;
    if (errors.has(file)) errors.get(file).push(`${where} ${m.message}`);
    else errors.set(file, [`${where} ${m.message}`]);
  }
  let failed = 0;
  for (const [f, errs] of errors) {
    const name = files.includes(f) ? relative(resolve(root), f).split(sep).join('/') : f;
    if (files.includes(f) && !checked.has(f)) errs.push('not checked by vnu');
    if (errs.length) {
      failed++;
      console.log(`FAIL vnu ${name}: ${errs.slice(0, 8).join('; ')}${errs.length > 8 ? ` and ${errs.length - 8} more` : ''}`);
    } else {
      console.log(`ok vnu ${name}`);
    }
  }
  process.exitCode = failed ? 1 : 0;
}

main();
