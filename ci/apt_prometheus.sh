# Sourced by ci/run.sh: Debian's Prometheus server and promtool, for tests/monitoring/
# (promtool check rules/metrics and the end-to-end scrape test).
apt_install "command -v promtool && command -v prometheus" prometheus
