#!/bin/sh
# long_list_fixture.sh DEST — a copy of the sample portal whose lists are
# long, for the pager checks in Chromium (tests/browser/pager.mjs): one
# item a page (paginate: 1) and 121 more 政务动态 articles, so 政务动态 has
# 130 pages (three-digit numbers, the widest pager a phone shows) and a
# search for 补充动态 has 13 pages of results.  Build it with
# `govpub build --site DEST`; its signatures do not matter there.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$1"
(cd "$root" && cp -R site.yaml content charts themes static reviewers.yaml reviews words data reports "$1/")
sed -i 's/^paginate: .*/paginate: 1/' "$1/site.yaml"
i=1
while [ $i -le 121 ]; do
  printf -- '---\ntitle: 第%s条补充动态\ndate: 2022-01-01T%02d:%02d:00+08:00\nsource: 测试\n---\n\n第%s条补充动态的正文。\n' \
    $i $((i / 60)) $((i % 60)) $i > "$1/content/news/zz-$i.md"
  i=$((i + 1))
done
