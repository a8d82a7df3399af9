#!/usr/bin/python3
"""Checks deploy/: the Kubernetes manifests parse, and every flag that the
manifests, systemd units and their env files pass to a civicwatch binary is
one that binary accepts (as listed by its --helpfull).

Usage: check_deploy.py --deploy DIR --binary NAME=PATH [--binary NAME=PATH]
Exits 0 when everything holds, 1 with one line per problem otherwise.
"""
import argparse
import os
import re
import shlex
import subprocess
import sys

import yaml

FLAG_LINE = re.compile(r"^\s+--([A-Za-z0-9_]+)\s")


def accepted_flags(path):
    """The flag names `path --helpfull` lists (absl prints them indented)."""
    out = subprocess.run([path, "--helpfull"], capture_output=True, text=True, timeout=30)
    text = out.stdout + out.stderr
    flags = {m.group(1) for line in text.splitlines() if (m := FLAG_LINE.match(line))}
    if not flags:
        raise SystemExit(f"{path} --helpfull listed no flags:\n{text}")
    return flags


def flag_name(arg):
    """'--name=value' or '--name' -> 'name'; anything else -> None."""
    if not arg.startswith("--"):
        return None
    return arg[2:].split("=", 1)[0]


# Containers beside the services that run no civicwatch binary (the audit
# log's shipper), by command.
SIDECAR_COMMANDS = {"tail"}


def check_args(where, binary, args, flags, problems, checked):
    known = flags.get(binary)
    if known is None:
        problems.append(f"{where}: runs {binary}, which is not a civicwatch binary under test")
        return
    for arg in args:
        name = flag_name(arg)
        if name is None:
            continue
        checked.append((where, binary, name))
        # absl accepts --nofoo for a boolean foo.
        if name not in known and not (name.startswith("no") and name[2:] in known):
            problems.append(f"{where}: {binary} does not accept --{name}")


def check_kubernetes(folder, flags, problems, checked):
    files = sorted(f for f in os.listdir(folder) if f.endswith((".yaml", ".yml")))
    if not files:
        problems.append(f"{folder}: no manifests")
    kinds = []
    services = {}  # name -> Service
    bootstraps = []  # (where, address, pod labels, container ports by name and number)
    for name in files:
        path = os.path.join(folder, name)
        try:
            with open(path, encoding="utf-8") as f:
                docs = [d for d in yaml.safe_load_all(f) if d is not None]
        except yaml.YAMLError as e:
            problems.append(f"{path}: does not parse: {e}")
            continue
        for doc in docs:
            for key in ("apiVersion", "kind", "metadata"):
                if key not in doc:
                    problems.append(f"{path}: a document without {key}")
            kind = doc.get("kind")
            kinds.append(kind)
            if kind == "Service":
                services[doc["metadata"]["name"]] = doc
            if kind not in ("Deployment", "StatefulSet"):
                continue
            spec = doc["spec"]
            labels = spec["template"]["metadata"]["labels"]
            for k, v in spec["selector"]["matchLabels"].items():
                if labels.get(k) != v:
                    problems.append(f"{path}: selector {k}={v} does not match the pod labels")
            for c in spec["template"]["spec"]["containers"]:
                where = f"{path} ({kind} {doc['metadata']['name']}, container {c['name']})"
                binary = os.path.basename(c["command"][0])
                if binary in SIDECAR_COMMANDS:
                    continue
                check_args(where, binary, c.get("args", []), flags, problems, checked)
                # Reads of protected events must leave a trail that outlives
                # the pod, not stderr lines mixed with the call log.
                if binary == "civicwatch-query" and not any(
                        a.startswith("--audit_log=") for a in c.get("args", [])):
                    problems.append(f"{where}: no --audit_log")
                ports = {p["containerPort"] for p in c.get("ports", [])}
                for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
                    grpc_probe = c.get(probe, {}).get("grpc")
                    if probe != "startupProbe" and grpc_probe is None:
                        problems.append(f"{where}: no grpc {probe}")
                    if grpc_probe is not None and grpc_probe["port"] not in ports:
                        problems.append(f"{where}: {probe} port {grpc_probe['port']} is "
                                        "not a container port")
                    # The probe's port must be the plaintext health port.
                    health = [a for a in c.get("args", []) if a.startswith("--health_listen=")]
                    if grpc_probe is not None and (
                            not health or not health[0].endswith(f":{grpc_probe['port']}")):
                        problems.append(f"{where}: {probe} does not use --health_listen's port")
                if binary == "civicwatch-query":
                    # Ready only once caught up with the feed: the query
                    # service's own health, not the admin service's.
                    ready = c.get("readinessProbe", {}).get("grpc", {}).get("service")
                    if ready != "civicwatch.v1.QueryService":
                        problems.append(f"{where}: readinessProbe asks for {ready!r}, not "
                                        "civicwatch.v1.QueryService (SERVING once caught up)")
                    for a in c.get("args", []):
                        if a.startswith("--bootstrap_from="):
                            named = {p.get("name"): p["containerPort"]
                                     for p in c.get("ports", [])}
                            bootstraps.append((where, a.split("=", 1)[1], labels, named))
    for where, address, labels, ports in bootstraps:
        check_bootstrap_peer(where, address, labels, ports, services, problems)
    for needed in ("StatefulSet", "Deployment", "Service"):
        if needed not in kinds:
            problems.append(f"{folder}: no {needed}")


def check_bootstrap_peer(where, address, labels, ports, services, problems):
    """--bootstrap_from of a query pod must find its peers through a
    headless Service of these manifests that selects the same pods,
    publishes only ready ones (never the new pod itself, nor one that has
    not caught up) and maps the port to the pods' gRPC port."""
    m = re.fullmatch(r"dns:///([a-z0-9-]+)(?:\.[a-z0-9.-]+)?:(\d+)", address)
    if not m:
        problems.append(f"{where}: --bootstrap_from={address} is not dns:///SERVICE:PORT "
                        "(a headless Service returning every ready peer)")
        return
    name, port = m.group(1), int(m.group(2))
    svc = services.get(name)
    if svc is None:
        problems.append(f"{where}: --bootstrap_from names Service {name}, which no manifest "
                        "defines")
        return
    spec = svc.get("spec", {})
    if spec.get("clusterIP") != "None":
        problems.append(f"{where}: Service {name} is not headless (clusterIP: None), so DNS "
                        "gives one virtual address instead of the ready peers")
    if spec.get("publishNotReadyAddresses"):
        problems.append(f"{where}: Service {name} publishes pods that are not ready")
    for k, v in spec.get("selector", {}).items():
        if labels.get(k) != v:
            problems.append(f"{where}: Service {name} selects {k}={v}, not these pods")
    matching = [p for p in spec.get("ports", []) if p.get("port") == port]
    if not matching:
        problems.append(f"{where}: Service {name} has no port {port}")
    else:
        target = matching[0].get("targetPort", port)
        if target not in ports and target not in ports.values():
            problems.append(f"{where}: Service {name} port {port} goes to {target}, "
                            "not a port of the container")


def read_env_file(path):
    env = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                key, _, value = line.partition("=")
                env[key] = value
    return env


def check_systemd(folder, flags, problems, checked):
    units = sorted(f for f in os.listdir(folder) if f.endswith(".service"))
    if not units:
        problems.append(f"{folder}: no units")
    for unit in units:
        path = os.path.join(folder, unit)
        with open(path, encoding="utf-8") as f:
            text = f.read().replace("\\\n", " ")
        settings = {}
        for line in text.splitlines():
            line = line.strip()
            if "=" in line and not line.startswith(("#", "[")):
                key, _, value = line.partition("=")
                settings.setdefault(key, []).append(value)
        for required in ("User", "ProtectSystem", "StateDirectory", "NoNewPrivileges",
                         "EnvironmentFile", "ExecStart"):
            if required not in settings:
                problems.append(f"{path}: no {required}=")
        if settings.get("ProtectSystem") != ["strict"]:
            problems.append(f"{path}: ProtectSystem is not strict")
        env_name = os.path.basename(settings.get("EnvironmentFile", [""])[0]).lstrip("-")
        env_path = os.path.join(folder, env_name)
        env = read_env_file(env_path) if os.path.exists(env_path) else None
        if env is None:
            problems.append(f"{path}: its EnvironmentFile {env_name} is not in {folder}")
            env = {}
        for exec_start in settings.get("ExecStart", []):
            words = shlex.split(exec_start)
            binary = os.path.basename(words[0])
            # Every variable the command uses must be set by the env file.
            for var in re.findall(r"\$\{?([A-Z_][A-Z0-9_]*)\}?", exec_start):
                if var not in env and var != "MAINPID":
                    problems.append(f"{path}: ${var} is not set in {env_name}")
            args = list(words[1:])
            # Flags coming in through the env file are checked too.
            for value in env.values():
                args += [w for w in shlex.split(value) if w.startswith("--")]
            check_args(path, binary, args, flags, problems, checked)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--deploy", required=True)
    parser.add_argument("--binary", action="append", required=True, help="NAME=PATH")
    opts = parser.parse_args()
    flags = {}
    for spec in opts.binary:
        name, _, path = spec.partition("=")
        flags[name] = accepted_flags(path)
    problems, checked = [], []
    check_kubernetes(os.path.join(opts.deploy, "kubernetes"), flags, problems, checked)
    check_systemd(os.path.join(opts.deploy, "systemd"), flags, problems, checked)
    for binary in flags:
        if not any(b == binary for _, b, _ in checked):
            problems.append(f"no manifest or unit runs {binary}")
    for p in problems:
        print(p)
    print(f"check_deploy: {len(checked)} flags checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
