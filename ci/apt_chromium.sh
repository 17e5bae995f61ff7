# Sourced by ci/run.sh: headless Chromium for the HTML report test (tests/analysis/report_test.ts).
apt_install "command -v chromium" chromium
