#!/usr/bin/env python3
"""Checks deploy/prometheus/ with promtool (ctest: deploy_alerts_test, label deploy).

- `promtool check config` on the example prometheus.yml, which also checks the rule file it loads
  (trygg-alerts.yml: PromQL, templates, durations);
- `promtool test rules` with tests/deploy/trygg-alerts.test.yml: synthetic series, and the times
  at which each alert must fire and must not. The rules are copied without their annotations
  (the descriptions, for people) into a temporary directory beside a copy of the test file, since
  promtool compares an alert's annotations too;
- every alert of the rule file has a case in the test file where it fires and one where it does
  not, so an alert added without a test fails here;
- the thresholds that restate a figure of the Kubernetes manifests agree with them: the memory
  alert with the StatefulSet's memory limit, the volume alert with its store volume's size.

Exit 0 when all hold; 1 with each failure on stderr.
"""
import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
    return ok


def run(command, cwd=None):
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    check(done.returncode == 0,
          f"{' '.join(map(str, command))} exited {done.returncode}:\n{done.stdout}{done.stderr}")


def alerts(rules):
    return {rule["alert"]: rule for group in rules["groups"] for rule in group["rules"]
            if "alert" in rule}


def check_coverage(rules, tests):
    fires, quiet = set(), set()
    for group in tests["tests"]:
        for case in group.get("alert_rule_test", []):
            (fires if case.get("exp_alerts") else quiet).add(case["alertname"])
    for name in alerts(rules):
        check(name in fires, f"{name}: no case in the test file where it fires")
        check(name in quiet, f"{name}: no case in the test file where it stays quiet")
    for name in (fires | quiet) - set(alerts(rules)):
        failures.append(f"the test file tests {name}, which the rule file does not have")


BYTES = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30}


def quantity(text):
    number, unit = re.fullmatch(r"(\d+)(Ki|Mi|Gi)", str(text)).groups()
    return int(number) * BYTES[unit]


def threshold_bytes(rule, name):
    """The byte count an alert compares with: the product 'A * B [* C]' after its last '>'."""
    expr = " ".join(rule["expr"].split())
    product = expr.rsplit(">", 1)[1].strip()
    if not check(re.fullmatch(r"[\d.]+( \* [\d.]+)*", product),
                 f"{name}: its threshold '{product}' is not a product of numbers"):
        return None
    value = 1.0
    for factor in product.split(" * "):
        value *= float(factor)
    return value


def check_manifests(rules, source):
    statefulset = yaml.safe_load((source / "deploy/kubernetes/statefulset.yaml").read_text())
    container = statefulset["spec"]["template"]["spec"]["containers"][0]
    limit = quantity(container["resources"]["limits"]["memory"])
    volume = quantity(
        statefulset["spec"]["volumeClaimTemplates"][0]["spec"]["resources"]["requests"]["storage"])
    by_name = alerts(rules)
    memory = threshold_bytes(by_name["TryggMemoryNearLimit"], "TryggMemoryNearLimit")
    if memory is not None:
        check(0.7 * limit <= memory < limit,
              f"TryggMemoryNearLimit fires above {memory:.0f} bytes, not within 70-100 % of the "
              f"StatefulSet's memory limit ({limit} bytes)")
    disk = threshold_bytes(by_name["TryggStoreVolumeFillsWithin30Days"],
                           "TryggStoreVolumeFillsWithin30Days")
    if disk is not None:
        check(0.5 * volume <= disk < volume,
              f"TryggStoreVolumeFillsWithin30Days fires above {disk:.0f} bytes, not within "
              f"50-100 % of the StatefulSet's store volume ({volume} bytes)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help="the repository's root")
    parser.add_argument("--promtool", required=True,
                        help="promtool's path (CMake's find_program result, maybe -NOTFOUND)")
    args = parser.parse_args()
    if not Path(args.promtool).is_file():
        print("check_alerts: promtool not found: install the Debian package prometheus "
              "(deploy/install-deps.sh does), then configure again", file=sys.stderr)
        return 1
    rules_path = args.source / "deploy/prometheus/trygg-alerts.yml"
    tests_path = args.source / "tests/deploy/trygg-alerts.test.yml"
    rules = yaml.safe_load(rules_path.read_text())
    tests = yaml.safe_load(tests_path.read_text())

    run([args.promtool, "check", "rules", rules_path])
    run([args.promtool, "check", "config", args.source / "deploy/prometheus/prometheus.yml"])
    with tempfile.TemporaryDirectory(prefix="trygg-alerts.") as scratch:
        bare = yaml.safe_load(rules_path.read_text())
        for rule in alerts(bare).values():
            rule.pop("annotations", None)
        (Path(scratch) / rules_path.name).write_text(yaml.safe_dump(bare, sort_keys=False))
        shutil.copy(tests_path, scratch)
        run([args.promtool, "test", "rules", tests_path.name], cwd=scratch)
    check_coverage(rules, tests)
    check_manifests(rules, args.source)

    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    if not failures:
        print(f"check_alerts: {len(alerts(rules))} alerts checked, tested and in agreement")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
