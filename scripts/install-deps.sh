#!/bin/sh
# Installs the Debian 12 packages precis needs to build and test, when any is missing.
# Run as root (or with sudo). Idempotent and quiet when everything is present.
# libgumbo-dev serves one test only: the differential test of precis's own HTML parser.
# sqlite3 (the shell) serves bench/store_bench.sh and the examples of docs/data_model.md.
set -eu
PACKAGES="build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev
  libicu-dev libstemmer-dev libgumbo-dev libxml2-dev libsimdjson-dev nlohmann-json3-dev
  libcli11-dev libcpp-httplib-dev libsqlite3-dev libxxhash-dev libexpected-dev
  libcurl4-openssl-dev libcld2-dev libglpk-dev zlib1g-dev libzstd-dev
  libgtest-dev libgmock-dev libbenchmark-dev time sqlite3
  wordnet-base iso-codes miscfiles tzdata"
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -z "$missing" ]; then
  exit 0
fi
echo "install-deps: installing$missing" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
