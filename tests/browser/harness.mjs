import { launch } from './chromium.mjs';
import { serve } from './serve.mjs';

// harness.mjs — what the browser tests that drive a page case by case share:
// `ok`/`FAIL` lines for tests/run.sh, and a browser context that records
// every request outside the site, console error and uncaught exception
// (a CSP violation is a console error) as a problem of the current case.
export function reporter(suite) {
  const r = {
    failures: 0,
    report(name, problems) {
      if (problems.length === 0) console.log(`ok ${suite} ${name}`);
      else {
        r.failures++;
        console.log(`FAIL ${suite} ${name}: ${problems.join('; ')}`);
      }
    },
  };
  return r;
}

// A new context of `browser` whose troubles go to `problems()`: the list of
// the case being run (a function, because each case starts a new list).
export async function watchedContext(browser, origin, problems, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  await context.route('**/*', (route) => {
    if (new URL(route.request().url()).origin === origin) return route.continue();
    problems().push(`request outside the site: ${route.request().url()}`);
    return route.abort('blockedbyclient');
  });
  context.on('console', (m) => { if (m.type() === 'error') problems().push(`console error: ${m.text()}`); });
  context.on('weberror', (e) => problems().push(`uncaught: ${e.error().message}`));
  context.on('dialog', (d) => { problems().push(`a dialog opened: ${d.message()}`); d.dismiss(); });
  return context;
}

// Serves `root`, opens one watched page in Chromium and runs `body` with
// { page, browser, origin, begin, report }: each case calls begin() for its
// fresh list of problems and report(name, problems) at its end.  Sets the
// exit code; an exception fails the suite.
export async function runSuite(name, root, body) {
  const suite = reporter(name);
  const server = await serve(root);
  const browser = await launch();
  let problems = [];
  try {
    const context = await watchedContext(browser, server.origin, () => problems);
    const page = await context.newPage();
    const begin = () => (problems = []);
    await body({ page, browser, origin: server.origin, begin, report: suite.report });
  } catch (e) {
    suite.failures++;
    console.log(`FAIL ${name}: ${e.stack || e}`);
  } finally {
    await browser.close();
    await server.close();
  }
  process.exitCode = suite.failures ? 1 : 0;
}
