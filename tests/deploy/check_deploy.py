#!/usr/bin/python3
"""Checks deploy/: the systemd unit, the container image and the Kubernetes manifests.

  check_deploy.py systemd   --source DIR --server BIN
      systemd-analyze verify on the unit, its exposure score from
      systemd-analyze security --offline=yes at or below MAX_EXPOSURE, and systemd-sysusers on
      trygg.sysusers (the unit's user).
  check_deploy.py agreement --source DIR --server BIN --audit BIN
      Parses the unit, the Dockerfile, the config files and every manifest, and checks what must
      agree across them: the ports, the store's path, the user, labels and selectors, mounts and
      the paths the commands name, the probes, and that every config key and flag is a real flag
      of trygg-server (its --help) or trygg-audit.
  check_deploy.py config    --source DIR --server BIN
      trygg-server --config F --print-config on every config file under deploy/ (each *.toml,
      and each *.toml key of a ConfigMap) and each ```toml example of docs/operations.md:
      trygg-server takes it (an unknown key, a bad value or a syntax error fails), and prints
      every key of it with its line as the source.

Exit 0 when every check passes, 1 naming each failed one, 77 (skipped) when systemd-analyze is
missing or too old for --offline.
"""
import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import tomllib

import yaml

# What every deployment agrees on. The home of each value is the deployment files themselves;
# these are what the test holds them to.
STORE = "/var/lib/trygg"
GRPC_PORT = 50051
HTTP_PORT = 9464
SERVER_BIN = "/usr/local/bin/trygg-server"
# The exposure score `systemd-analyze security --offline=yes` gives the unit (systemd 252):
# measured 1.2. The rest is what a network server needs (its sockets, the host's network) and
# the syscalls RocksDB uses to lower its background threads' priority.
MAX_EXPOSURE = 1.2
# The soak's peak RSS with 64 clients (docs/operations.md, "Soak"), MiB: the memory limit must
# leave room above it.
SOAK_PEAK_RSS_MIB = 670
# Debian packages every Debian image has (Essential), which the Dockerfile need not install.
ESSENTIAL_LIBS = {"libc6", "libgcc-s1"}

failures = []
passes = 0


def check(ok, what):
    global passes
    if ok:
        passes += 1
    else:
        failures.append(what)
        print(f"FAIL: {what}", flush=True)
    return ok


def finish():
    print(f"{passes} checks passed, {len(failures)} failed")
    return 1 if failures else 0


# --- parsers -----------------------------------------------------------------------------------


def parse_unit(path):
    """A systemd unit as {section: {key: [values...]}} (keys may repeat)."""
    sections, current = {}, None
    for raw in open(path, encoding="utf-8"):
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), {})
            continue
        key, _, value = line.partition("=")
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


def unit_value(unit, section, key):
    values = unit.get(section, {}).get(key, [])
    return values[-1] if values else None


def parse_dockerfile(path):
    """The Dockerfile's instructions as [(stage index, INSTRUCTION, arguments)]."""
    text = open(path, encoding="utf-8").read()
    logical, pending = [], ""
    for raw in text.splitlines():
        line = raw.rstrip()
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.lstrip().startswith("#"):  # a comment inside a continued instruction
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        logical.append(pending + line)
        pending = ""
    stage, out = -1, []
    for line in logical:
        instruction, _, args = line.strip().partition(" ")
        instruction = instruction.upper()
        if instruction == "FROM":
            stage += 1
        out.append((stage, instruction, args.strip()))
    return out


def exec_form(args):
    """A JSON-array (exec form) argument list, or the shell form split like a shell would."""
    args = args.strip()
    if args.startswith("["):
        return json.loads(args)
    return shlex.split(args)


def help_flags(binary, *args):
    """The long flags a CLI11 --help lists."""
    out = subprocess.run([binary, *args, "--help"], capture_output=True, text=True, check=True)
    return set(re.findall(r"^\s*(?:-\w,)?--([a-z][a-z0-9-]*)", out.stdout, re.MULTILINE))


def config_keys(text):
    """Every key of a TOML config file, the commented-out examples ("# key = ...") included."""
    keys = set(tomllib.loads(text))
    keys |= set(re.findall(r"^\s*#\s*([a-z][a-z0-9-]*)\s*=", text, re.MULTILINE))
    return keys


def flags_of(argv):
    """The --flags of an argument vector (values and positionals dropped)."""
    return {a[2:].partition("=")[0] for a in argv if a.startswith("--")}


def flag_value(argv, flag):
    for i, a in enumerate(argv):
        if a == flag and i + 1 < len(argv):
            return argv[i + 1]
        if a.startswith(flag + "="):
            return a.partition("=")[2]
    return None


def port_of(address):
    return int(address.rpartition(":")[2])


def mebibytes(quantity):
    units = {"Mi": 1, "Gi": 1024, "M": 1e6 / 2**20, "G": 1e9 / 2**20}
    for suffix, factor in units.items():
        if str(quantity).endswith(suffix):
            return float(str(quantity)[: -len(suffix)]) * factor
    raise ValueError(f"unknown memory quantity {quantity}")


def shutdown_grace_seconds(source):
    text = open(os.path.join(source, "services/server/server.cc"), encoding="utf-8").read()
    m = re.search(r"kShutdownGrace\s*=\s*std::chrono::seconds\((\d+)\)", text)
    if not check(m is not None, "services/server/server.cc defines kShutdownGrace in seconds"):
        return 5
    return int(m.group(1))


# --- systemd-analyze ---------------------------------------------------------------------------


def run_systemd(args):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        print("SKIP: systemd-analyze is not installed (Debian package systemd)")
        return 77
    version = subprocess.run([analyze, "--version"], capture_output=True, text=True).stdout
    m = re.search(r"systemd (\d+)", version)
    if not m or int(m.group(1)) < 250:
        print(f"SKIP: systemd-analyze security --offline needs systemd 250 or newer ({version!r})")
        return 77
    unit_src = os.path.join(args.source, "deploy/systemd/trygg-server.service")
    with tempfile.TemporaryDirectory() as tmp:
        # verify checks that ExecStart's binary exists: point it at the one just built.
        unit = os.path.join(tmp, "trygg-server.service")
        text = open(unit_src, encoding="utf-8").read()
        check(SERVER_BIN in text, f"the unit runs {SERVER_BIN}")
        open(unit, "w", encoding="utf-8").write(text.replace(SERVER_BIN, args.server))
        verify = subprocess.run([analyze, "verify", unit], capture_output=True, text=True)
        check(
            verify.returncode == 0 and not verify.stdout.strip() and not verify.stderr.strip(),
            f"systemd-analyze verify is silent and exits 0 (exit {verify.returncode}):\n"
            f"{verify.stdout}{verify.stderr}",
        )
        security = subprocess.run(
            [analyze, "security", "--offline=yes", "--no-pager", unit],
            capture_output=True,
            text=True,
        )
        m = re.search(r"Overall exposure level for \S+: (\d+\.\d+)", security.stdout)
        if check(m is not None, f"systemd-analyze security prints a score:\n{security.stdout}"):
            score = float(m.group(1))
            print(f"exposure score {score} (at most {MAX_EXPOSURE})")
            check(
                score <= MAX_EXPOSURE,
                f"exposure score {score} is at most {MAX_EXPOSURE}; what is exposed:\n"
                + "\n".join(l for l in security.stdout.splitlines() if l.startswith("✗")),
            )
        # The user the unit runs as is the one deploy/systemd/trygg.sysusers creates.
        sysusers = os.path.join(args.source, "deploy/systemd/trygg.sysusers")
        os.makedirs(os.path.join(tmp, "root/etc"))
        with open(sysusers, encoding="utf-8") as config:
            created = subprocess.run(["systemd-sysusers", f"--root={tmp}/root", "-"],
                                     stdin=config, capture_output=True, text=True)
        check(created.returncode == 0, f"systemd-sysusers takes trygg.sysusers:\n{created.stderr}")
        passwd = open(os.path.join(tmp, "root/etc/passwd"), encoding="utf-8").read()
        user = unit_value(parse_unit(unit_src), "Service", "User")
        entry = rf"^{user}:x:\d+:\d+:[^:]*:{STORE}:/usr/sbin/nologin$"
        check(re.search(entry, passwd, re.MULTILINE),
              f"trygg.sysusers creates the unit's user {user}, home {STORE}, no shell")
    return finish()


# --- agreement ---------------------------------------------------------------------------------


def check_real_flags(where, flags, real):
    for flag in sorted(flags):
        check(flag in real, f"{where}: '{flag}' is a trygg-server flag (trygg-server --help)")


def check_config(where, text, real):
    """A trygg-server config file: real keys, and the ports every deployment uses."""
    check_real_flags(where, config_keys(text), real)
    config = tomllib.loads(text)
    if "listen" in config:
        check(port_of(config["listen"]) == GRPC_PORT, f"{where}: listen is on port {GRPC_PORT}")
    if "http" in config:
        check(port_of(config["http"]) == HTTP_PORT, f"{where}: http is on port {HTTP_PORT}")
    if "data" in config:
        check(config["data"] == STORE, f"{where}: data is {STORE}")
    return config


def check_systemd_files(source, real, grace):
    unit = parse_unit(os.path.join(source, "deploy/systemd/trygg-server.service"))
    service = unit.get("Service", {})
    user = unit_value(unit, "Service", "User")
    check(user not in (None, "root", "0"), "the unit's User= is not root")
    state = unit_value(unit, "Service", "StateDirectory")
    check(state is not None and "/var/lib/" + state == STORE, f"StateDirectory= makes {STORE}")
    check(STORE in " ".join(service.get("ReadWritePaths", [])), f"ReadWritePaths= has {STORE}")
    exec_start = shlex.split(unit_value(unit, "Service", "ExecStart") or "")
    check(exec_start[:1] == [SERVER_BIN], f"ExecStart runs {SERVER_BIN}")
    check_real_flags("the unit's ExecStart", flags_of(exec_start), real)
    check(flag_value(exec_start, "--data") == STORE, f"ExecStart gives --data {STORE}")
    config_dir = "/etc/" + (unit_value(unit, "Service", "ConfigurationDirectory") or "?")
    for flag in ("--config", "--tokens"):
        value = flag_value(exec_start, flag) or ""
        check(os.path.dirname(value) == config_dir, f"ExecStart's {flag} is in {config_dir}")
    check(
        os.path.basename(flag_value(exec_start, "--config") or "") == "trygg-server.toml",
        "ExecStart reads the trygg-server.toml that deploy/systemd holds",
    )
    check_config(
        "deploy/systemd/trygg-server.toml",
        open(os.path.join(source, "deploy/systemd/trygg-server.toml"), encoding="utf-8").read(),
        real,
    )
    check(
        unit_value(unit, "Service", "ExecReload") == "/bin/kill -HUP $MAINPID",
        "ExecReload sends SIGHUP (token reload)",
    )
    stop = unit_value(unit, "Service", "TimeoutStopSec")
    check(stop is not None and int(stop) > grace, f"TimeoutStopSec exceeds the {grace} s grace")
    required = {
        "Restart": "on-failure",
        "ProtectSystem": "strict",
        "ProtectHome": "yes",
        "PrivateTmp": "yes",
        "NoNewPrivileges": "yes",
        "CapabilityBoundingSet": "",
        "RestrictAddressFamilies": "AF_INET AF_INET6 AF_UNIX",
        "MemoryDenyWriteExecute": "yes",
        "LockPersonality": "yes",
        "RestrictNamespaces": "yes",
        "ProtectKernelTunables": "yes",
        "ProtectKernelModules": "yes",
        "ProtectKernelLogs": "yes",
        "ProtectControlGroups": "yes",
    }
    for key, value in required.items():
        check(unit_value(unit, "Service", key) == value, f"the unit sets {key}={value}")
    check("@system-service" in service.get("SystemCallFilter", []),
          "SystemCallFilter=@system-service")
    nofile = unit_value(unit, "Service", "LimitNOFILE")
    check(nofile is not None and int(nofile) >= 65536, "LimitNOFILE is at least 65536")


def runtime_packages(binaries):
    """The Debian packages holding the shared libraries the binaries load (ldd, dpkg -S)."""
    libs = set()
    for binary in binaries:
        out = subprocess.run(["ldd", binary], capture_output=True, text=True, check=True).stdout
        libs |= set(re.findall(r"=> (/\S+)", out))
    # Each library under the names dpkg may know it by (merged /usr, symlinks); one dpkg call.
    names = {}
    for lib in libs:
        real = os.path.realpath(lib)
        names[lib] = {lib, real, "/usr" + real, real.removeprefix("/usr")}
    found = subprocess.run(["dpkg", "-S", *set().union(*names.values())],
                           capture_output=True, text=True)
    owner = {}
    for line in found.stdout.splitlines():
        package, _, path = line.partition(": ")
        owner[path] = package.partition(":")[0]
    packages = set()
    for lib, candidates in sorted(names.items()):
        holders = {owner[c] for c in candidates if c in owner}
        if check(bool(holders), f"dpkg knows which package holds {lib}"):
            packages |= holders
    return packages


def check_dockerfile(source, real, server, audit):
    """Returns the image's UID and its default --tokens."""
    instructions = parse_dockerfile(os.path.join(source, "deploy/container/Dockerfile"))
    froms = [args for _, ins, args in instructions if ins == "FROM"]
    check(len(froms) >= 2, "the Dockerfile is multi-stage")
    check(all(re.match(r"debian:12(-slim)?\b", f) for f in froms), "every stage is on Debian 12")
    last = len(froms) - 1
    build = " ".join(args for stage, ins, args in instructions if stage < last and ins == "RUN")
    final = [(ins, args) for stage, ins, args in instructions if stage == last]

    def final_args(name):
        return [args for ins, args in final if ins == name]

    check("deploy/install-deps.sh" in build, "the build stage installs with deploy/install-deps.sh")
    check(
        re.search(r"--target trygg-server trygg-audit\b", build) is not None,
        "the build stage builds trygg-server and trygg-audit",
    )
    users = final_args("USER")
    uid = users[-1].partition(":")[0] if users else "root"
    check(uid not in ("root", "0") and uid.isdigit(), "the image runs as a numeric non-root USER")
    run = " ".join(final_args("RUN"))
    check(f"--uid {uid}" in run, f"the runtime stage creates the user with UID {uid}")
    check(any(STORE in exec_form(v) for v in final_args("VOLUME")), f"VOLUME {STORE}")
    exposed = {int(p.partition("/")[0]) for v in final_args("EXPOSE") for p in v.split()}
    check(exposed == {GRPC_PORT, HTTP_PORT}, f"EXPOSE {GRPC_PORT} {HTTP_PORT}")
    health = " ".join(final_args("HEALTHCHECK"))
    check(f"http://127.0.0.1:{HTTP_PORT}/healthz" in health, "HEALTHCHECK asks /healthz")
    entry = exec_form(final_args("ENTRYPOINT")[-1]) if final_args("ENTRYPOINT") else []
    cmd = exec_form(final_args("CMD")[-1]) if final_args("CMD") else []
    check(entry == [SERVER_BIN], f"ENTRYPOINT is {SERVER_BIN}")
    check_real_flags("the Dockerfile's CMD", flags_of(cmd), real)
    config_path = flag_value(cmd, "--config")
    copies = [exec_form(a) if a.startswith("[") else a.split() for a in final_args("COPY")]
    copied = {c[-1]: c[-2] for c in copies if not c[0].startswith("--from")}
    check(
        copied.get(config_path) == "deploy/container/trygg-server.toml",
        f"the image's --config {config_path} is deploy/container/trygg-server.toml",
    )
    config = check_config(
        "deploy/container/trygg-server.toml",
        open(os.path.join(source, "deploy/container/trygg-server.toml"), encoding="utf-8").read(),
        real,
    )
    check(config.get("data") == STORE, f"the image's config stores in {STORE}")
    check("http" in config, "the image's config opens the HTTP port (the HEALTHCHECK needs it)")
    installed = set(re.findall(r"[a-z0-9][a-z0-9+.-]+", run.partition("install")[2]))
    for package in sorted(runtime_packages([server, audit]) - ESSENTIAL_LIBS):
        check(package in installed, f"the runtime stage installs {package} (ldd of the binaries)")
    return uid, flag_value(cmd, "--tokens")


def load_manifests(source):
    directory = os.path.join(source, "deploy/kubernetes")
    docs, files = [], sorted(f for f in os.listdir(directory) if f.endswith(".yaml"))
    for name in files:
        for doc in yaml.safe_load_all(open(os.path.join(directory, name), encoding="utf-8")):
            if doc:
                docs.append(doc)
    kustomization = next(d for d in docs if d.get("kind") == "Kustomization")
    listed = set(kustomization.get("resources", []))
    for name in files:
        if name == "kustomization.yaml":
            continue
        if name == "secret.yaml":
            check(name not in listed, "kustomization.yaml leaves out the Secret's placeholders")
        else:
            check(name in listed, f"kustomization.yaml lists {name}")
    return docs


def one(docs, kind):
    found = [d for d in docs if d.get("kind") == kind]
    check(len(found) == 1, f"deploy/kubernetes has exactly one {kind}")
    return found[0] if found else {}


def at(obj, *keys, default=None):
    """obj[k1][k2]..., or default where a key is missing."""
    for key in keys:
        if not isinstance(obj, dict) or key not in obj:
            return default
        obj = obj[key]
    return obj


def subset(small, big):
    return bool(small) and all(big.get(k) == v for k, v in (small or {}).items())


def check_kubernetes(source, real, audit, uid, grace, image_tokens):
    docs = load_manifests(source)
    sts, svc, cm = one(docs, "StatefulSet"), one(docs, "Service"), one(docs, "ConfigMap")
    secret, pdb, cron = one(docs, "Secret"), one(docs, "PodDisruptionBudget"), one(docs, "CronJob")
    spec = sts.get("spec", {})
    pod = spec.get("template", {})
    labels = pod.get("metadata", {}).get("labels", {})
    pod_spec = pod.get("spec", {})

    # One writer.
    check(spec.get("replicas") == 1, "the StatefulSet has replicas: 1")
    check(spec.get("podManagementPolicy") == "OrderedReady", "podManagementPolicy: OrderedReady")
    check(at(spec, "updateStrategy", "type") == "RollingUpdate", "updateStrategy RollingUpdate")
    claims = spec.get("volumeClaimTemplates", [])
    check(len(claims) == 1, "one volume claim template")
    claim = claims[0] if claims else {}
    check(at(claim, "spec", "accessModes") == ["ReadWriteOnce"],
          "the store's claim is ReadWriteOnce")

    # Labels and selectors.
    check(subset(at(spec, "selector", "matchLabels"), labels), "the StatefulSet selects its pods")
    check(spec.get("serviceName") == at(svc, "metadata", "name"), "serviceName is the Service")
    check(subset(at(svc, "spec", "selector"), labels), "the Service selects the server pod")
    check(subset(at(pdb, "spec", "selector", "matchLabels"), labels),
          "the PodDisruptionBudget selects the server pod")
    check(at(pdb, "spec", "minAvailable") == 1 or at(pdb, "spec", "maxUnavailable") == 0,
          "the PodDisruptionBudget refuses to evict the only pod")

    # Ports.
    containers = pod_spec.get("containers", [])
    check(len(containers) == 1, "the server pod has one container")
    container = containers[0] if containers else {}
    ports = {p.get("name"): p.get("containerPort") for p in container.get("ports", [])}
    check(ports == {"grpc": GRPC_PORT, "http": HTTP_PORT},
          f"container ports grpc {GRPC_PORT}, http {HTTP_PORT}")
    for p in svc.get("spec", {}).get("ports", []):
        target = p.get("targetPort")
        target = ports.get(target, target)
        check(p.get("port") == target and target in (GRPC_PORT, HTTP_PORT),
              f"Service port {p.get('name')} reaches the container's port {p.get('port')}")
    annotations = pod.get("metadata", {}).get("annotations", {})
    check(annotations.get("prometheus.io/scrape") == "true", "prometheus.io/scrape: \"true\"")
    check(annotations.get("prometheus.io/port") == str(HTTP_PORT),
          f"prometheus.io/port: \"{HTTP_PORT}\"")
    check(annotations.get("prometheus.io/path") == "/metrics", "prometheus.io/path: /metrics")

    # The command, the config file and the Secret, through the mounts.
    command = container.get("command", [])
    check(command[:1] == [SERVER_BIN], f"the container runs {SERVER_BIN}, the image's binary")
    check_real_flags("the StatefulSet's command", flags_of(command), real)
    mounts = {m.get("name"): m for m in container.get("volumeMounts", [])}
    volumes = {v.get("name"): v for v in pod_spec.get("volumes", [])}

    def mounted_file(path):
        """(volume, key) of the mounted file at path."""
        for name, m in mounts.items():
            if os.path.dirname(path or "") == m.get("mountPath"):
                return volumes.get(name, {}), os.path.basename(path)
        return {}, None

    volume, key = mounted_file(flag_value(command, "--config"))
    check(volume.get("configMap", {}).get("name") == cm.get("metadata", {}).get("name")
          and key in cm.get("data", {}), "--config names the ConfigMap's file")
    config_text = cm.get("data", {}).get(key, "") if key else ""
    config = check_config("the ConfigMap", config_text, real)
    check(config.get("data") == STORE, f"the ConfigMap stores in {STORE}")
    check(mounts.get(claim.get("metadata", {}).get("name"), {}).get("mountPath") == STORE,
          f"the store's claim is mounted at {STORE}")
    secret_keys = set(secret.get("stringData", {})) | set(secret.get("data", {}))
    secret_name = secret.get("metadata", {}).get("name")
    tls = [config.get(k) for k in ("tls-cert", "tls-key", "tls-client-ca")]
    for path in [flag_value(command, "--tokens")] + tls:
        if path is None:
            continue
        volume, key = mounted_file(path)
        check(volume.get("secret", {}).get("secretName") == secret_name and key in secret_keys,
              f"{path} is a key of the Secret {secret_name}, mounted there")
    check("tokens" in secret_keys, "the Secret holds the token file")
    check(flag_value(command, "--tokens") == image_tokens,
          f"the pod's --tokens is the image's default {image_tokens}")

    # Probes: the kubelet's gRPC probe has no TLS, so a TLS port needs the HTTP probes.
    if "tls-cert" in config:
        expected = {"livenessProbe": "/healthz", "readinessProbe": "/readyz"}
        for probe, path in expected.items():
            get = container.get(probe, {}).get("httpGet", {})
            check(get.get("path") == path and get.get("port") in (HTTP_PORT, "http"),
                  f"TLS on the gRPC port: {probe} is httpGet {path} on {HTTP_PORT}")
    else:
        for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
            check(container.get(probe, {}).get("grpc", {}).get("port") == GRPC_PORT,
                  f"{probe} is the kubelet's gRPC probe on port {GRPC_PORT}")

    # Resources and security.
    resources = container.get("resources", {})
    request = mebibytes(resources.get("requests", {}).get("memory", "0Mi"))
    limit = mebibytes(resources.get("limits", {}).get("memory", "0Mi"))
    check(0 < request <= limit, "memory request at most the limit")
    check(limit >= SOAK_PEAK_RSS_MIB * 1.25,
          f"memory limit leaves room above the soak's {SOAK_PEAK_RSS_MIB} MiB")
    check(resources.get("requests", {}).get("cpu") is not None, "a CPU request")
    check(pod_spec.get("terminationGracePeriodSeconds", 30) > grace,
          f"terminationGracePeriodSeconds exceeds the {grace} s grace")
    security = pod_spec.get("securityContext", {})
    check(str(security.get("runAsUser")) == uid and str(security.get("fsGroup")) == uid,
          f"the server pod runs as the image's UID {uid}")

    # The backup: on the server's node, the store's own claim read-only, trygg-audit backup.
    job = at(cron, "spec", "jobTemplate", "spec", "template", "spec", default={})
    check(cron.get("spec", {}).get("concurrencyPolicy") == "Forbid", "backups never overlap")
    terms = at(job, "affinity", "podAffinity", "requiredDuringSchedulingIgnoredDuringExecution",
               default=[])
    check(any(t.get("topologyKey") == "kubernetes.io/hostname"
              and subset(t.get("labelSelector", {}).get("matchLabels", {}), labels) for t in terms),
          "the backup pod must run on the server pod's node")
    check(str(at(job, "securityContext", "runAsUser")) == uid, f"the backup runs as UID {uid}")
    bcontainer = (job.get("containers") or [{}])[0]
    check(bcontainer.get("image") == container.get("image"), "the backup uses the server's image")
    bmounts = {m.get("name"): m for m in bcontainer.get("volumeMounts", [])}
    bvolumes = {v.get("name"): v for v in job.get("volumes", [])}
    store_claim = f"{claim.get('metadata', {}).get('name')}-{sts.get('metadata', {}).get('name')}-0"
    store_volume = next((n for n, v in bvolumes.items()
                         if at(v, "persistentVolumeClaim", "claimName") == store_claim), None)
    check(store_volume is not None, f"the backup mounts the store's claim {store_claim}")
    check(bmounts.get(store_volume, {}).get("mountPath") == STORE
          and bmounts.get(store_volume, {}).get("readOnly") is True,
          f"the backup mounts the store read-only at {STORE}")
    pvcs = {at(d, "metadata", "name") for d in docs if d.get("kind") == "PersistentVolumeClaim"}
    script = " ".join(bcontainer.get("command", [])).replace("\\\n", " ")
    line = next((l for l in script.splitlines() if "trygg-audit" in l), "")
    # The script's own variables (name=value lines) in place, as the shell would have them.
    for name, value in re.findall(r"^\s*(\w+)=(.+)$", script, re.MULTILINE):
        line = line.replace(f'"${name}"', f'"{value}"')
    argv = shlex.split(line)
    check(argv[:1] == ["trygg-audit"] and "backup" in argv, "the backup runs trygg-audit backup")
    audit_flags = help_flags(audit) | help_flags(audit, "backup")
    for flag in sorted(flags_of(argv)):
        check(flag in audit_flags, f"the backup's '--{flag}' is a trygg-audit flag")
    check(flag_value(argv, "--data") == STORE, f"the backup reads --data {STORE}")
    out = flag_value(argv, "--out") or ""
    backup_volume = next(
        (n for n, m in bmounts.items() if out.startswith(m.get("mountPath", "?") + "/")), None)
    check(bvolumes.get(backup_volume, {}).get("persistentVolumeClaim", {}).get("claimName") in pvcs,
          "the backup writes to the backup claim")


# --- config files ------------------------------------------------------------------------------


def deploy_config_files(source):
    """Every trygg-server config file under deploy/, as [(where, text)]: each *.toml file, and
    each *.toml key of a ConfigMap; and each toml example of docs/operations.md."""
    found = []
    for root, dirs, files in os.walk(os.path.join(source, "deploy")):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            where = os.path.relpath(path, source)
            if name.endswith(".toml"):
                found.append((where, open(path, encoding="utf-8").read()))
            elif name.endswith((".yaml", ".yml")):
                for doc in yaml.safe_load_all(open(path, encoding="utf-8")):
                    if not doc or doc.get("kind") != "ConfigMap":
                        continue
                    for key, text in doc.get("data", {}).items():
                        if key.endswith(".toml"):
                            found.append((f"{where} (ConfigMap key {key})", text))
    # The operations guide's examples ("Configuration"), which operators copy.
    guide = open(os.path.join(source, "docs/operations.md"), encoding="utf-8").read()
    for m in re.finditer(r"^```toml\n(.*?)^```$", guide, re.MULTILINE | re.DOTALL):
        line = guide.count("\n", 0, m.start()) + 1
        found.append((f"docs/operations.md (the toml block after line {line})", m.group(1)))
    return found


def run_config(args):
    files = deploy_config_files(args.source)
    print("config files:", ", ".join(where for where, _ in files))
    check(len(files) >= 3, "deploy/ holds config files for systemd, the image and Kubernetes")
    with tempfile.TemporaryDirectory() as tmp:
        for i, (where, text) in enumerate(files):
            path = os.path.join(tmp, f"{i}.toml")
            open(path, "w", encoding="utf-8").write(text)
            run = subprocess.run([args.server, "--config", path, "--print-config"],
                                 capture_output=True, text=True)
            said = run.stderr.strip().replace(path, where)
            if not check(run.returncode == 0,
                         f"{where}: trygg-server --print-config takes it (exit {run.returncode}): "
                         f"{said}"):
                continue
            sources = dict(re.findall(r"^([a-z0-9-]+) = .*  # (.*)$", run.stdout, re.MULTILINE))
            lines = text.splitlines()
            for key in tomllib.loads(text):
                line = next(n for n, l in enumerate(lines, 1) if re.match(rf"\s*{key}\s*=", l))
                check(sources.get(key) == f"{path}:{line}",
                      f"{where}: --print-config takes '{key}' from line {line} "
                      f"(it says {sources.get(key)})")
    return finish()


def run_agreement(args):
    real = help_flags(args.server)
    grace = shutdown_grace_seconds(args.source)
    check_systemd_files(args.source, real, grace)
    uid, image_tokens = check_dockerfile(args.source, real, args.server, args.audit)
    check_kubernetes(args.source, real, args.audit, uid, grace, image_tokens)
    return finish()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["systemd", "agreement", "config"])
    parser.add_argument("--source", required=True, help="the repository's root")
    parser.add_argument("--server", required=True, help="the built trygg-server")
    parser.add_argument("--audit", help="the built trygg-audit")
    args = parser.parse_args()
    args.server = os.path.abspath(args.server)
    args.audit = args.audit and os.path.abspath(args.audit)
    if args.what == "systemd":
        return run_systemd(args)
    if args.what == "config":
        return run_config(args)
    return run_agreement(args)


if __name__ == "__main__":
    sys.exit(main())
