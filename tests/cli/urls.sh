#!/bin/sh
# Links work at the site root, under a sub-path, and from disk (relative_urls).
. "$(dirname "$0")/lib.sh"
site_copy mini sub
sed -i 's#^base_url: .*#base_url: https://www.test.gov.cn/sjzyj/#' "$T/sub/site.yaml"
"$GOVPUB" build --site "$T/sub" --out "$T/osub" -q
check_eq "sub-path build exits 0" "$?" 0
P="$T/osub/preview"
check_file_has "sub-path: page links" "$P/news/a/index.html" 'href="/sjzyj/policy/rules/"'
check_file_has "sub-path: css" "$P/news/a/index.html" 'href="/sjzyj/css/site.css"'
check_file_has "sub-path: menu" "$P/index.html" 'href="/sjzyj/news/"'
check_file_has "sub-path: permalink in feed" "$P/index.xml" 'https://www.test.gov.cn/sjzyj/news/a/'

site_copy mini disk
printf 'relative_urls: true\n' >> "$T/disk/site.yaml"
"$GOVPUB" build --site "$T/disk" --out "$T/odisk" -q
check_eq "relative build exits 0" "$?" 0
P="$T/odisk/preview"
check_file_has "disk: article → policy" "$P/news/a/index.html" 'href="../../policy/rules/index.html"'
check_file_has "disk: anchor kept" "$P/news/a/index.html" 'href="../../policy/jiedu/rules-jd/index.html#%E4%B8%80%E6%80%BB%E4%BD%93%E8%A6%81%E6%B1%82"'
check_file_has "disk: css" "$P/news/a/index.html" 'href="../../css/site.css"'
check_file_has "disk: home menu" "$P/index.html" 'href="news/index.html"'
check_file_has "disk: pager" "$P/news/index.html" 'href="../news/page/2/index.html"'
check_file_has "disk: static file" "$P/news/b/index.html" 'href="../../files/guide.txt"'
