#!/bin/sh
# A column's `aliases:` (its _index.md: a column moved from /zwgk/dongtai/
# to /news/ keeps its old address, as a Hugo site's does): a redirect page
# at each alias to the column's list, written like an article's (extras.c),
# recorded in published-dates.tsv as an article's are; the same checks as
# an article's aliases (site_link.c), each said at the alias.
. "$(dirname "$0")/lib.sh"
site_copy mini a
sed -i 's#^description: .*#&\naliases: [/zwgk/dongtai/, zwgk/Old/]#' "$T/a/content/news/_index.md"
"$GOVPUB" build --site "$T/a" --out "$T/aout" -q 2>"$T/err"
check_eq "a column with aliases: built, nothing said" "$?:$(cat "$T/err")" "0:"
P="$T/aout/preview"
same "the redirect to the column's list" "$P/zwgk/dongtai/index.html" <<'X'
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>政务动态</title>
<link rel="canonical" href="https://www.test.gov.cn/news/">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=/news/">
</head>
<body>
<p>本页已迁移至 <a href="/news/">政务动态</a>。</p>
</body>
</html>
X
check "an alias written without a leading slash: its redirect too" test -f "$P/zwgk/Old/index.html"
check_eq "published-dates.tsv: the column's aliases as an article's are" \
  "$(grep '^news/_index.md' "$P/published-dates.tsv")" "$(printf 'news/_index.md\t\t/news/\t/zwgk/dongtai/\t/zwgk/Old/')"

# the checks of an article's aliases: a page's URL (also once folded),
# another page's alias, where govpub writes, given twice; each said at the
# alias, and nothing written
site_copy mini s
"$GOVPUB" build --site "$T/s" --out "$T/out" -q 2>/dev/null
sed -i 's#^description: .*#&\naliases: [/news/a/, /Policy/, /old/a/, /news/page/2/, /search/, /x/, /x/]#' \
  "$T/s/content/news/_index.md"
expect "a column's aliases: a page's URL, in another case, an article's alias, govpub's own, twice" <<'X'
content/news/_index.md:4:11: error: alias /news/a/ is the URL of content/news/a.md
  hint: remove the alias or move the other page
content/news/_index.md:4:21: error: alias /Policy/ differs from /policy/ (content/policy/_index.md) only in case or Unicode normalisation
  hint: remove the alias or rename it: a server on a case-insensitive or normalising file system (Windows, macOS) would serve the redirect for the page or the page for it
content/news/_index.md:4:31: error: alias /old/a/ is also an alias of content/news/a.md
  hint: keep the alias on one page: it can send readers to one only
content/news/_index.md:4:40: error: alias /news/page/2/ is where govpub writes a further page of its column's list
  hint: remove the alias: that address is not free
content/news/_index.md:4:55: error: alias /search/ is where govpub writes the search page
  hint: remove the alias: that address is not free
content/news/_index.md:4:70: error: alias /x/ is given twice
  hint: remove one of them
govpub: build failed: 6 errors; OUT/preview is unchanged
X

# a static file at a column's redirect in another case: the build says it as
# it writes the redirect, and govpub check without a build (check_fold.c),
# both at the alias
rm -rf "$T/s" && site_copy mini s
sed -i 's#^description: .*#&\naliases: [/zwgk/dongtai/]#' "$T/s/content/news/_index.md"
mkdir -p "$T/s/static/zwgk/Dongtai"
echo x > "$T/s/static/zwgk/Dongtai/index.html"
expect "a static file at a column's redirect, in another case" <<'X'
content/news/_index.md:4:11: error: output /zwgk/dongtai/index.html differs from /zwgk/Dongtai/index.html (static/zwgk/Dongtai/index.html) only in case or Unicode normalisation
  hint: rename one: on a case-insensitive or normalising file system (out/ copied to Windows or a Mac) one would overwrite the other
govpub: build failed: 1 error; OUT/preview is unchanged
X
"$GOVPUB" check --site "$T/s" > "$T/said" 2>&1
check_eq "a static file at a column's redirect, in another case: govpub check says it" \
  "$?:$(grep -A1 'zwgk/dongtai/index.html differs' "$T/said" | sed "s#$T/s/##g")" \
  "1:content/news/_index.md:4:11: error: [站点内容] output /zwgk/dongtai/index.html differs from /zwgk/Dongtai/index.html (static/zwgk/Dongtai/index.html) only in case or Unicode normalisation
  hint: rename one: on a case-insensitive or normalising file system (out/ copied to Windows or a Mac) one would overwrite the other"
