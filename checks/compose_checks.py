"""docker-compose.yml against the README's Docker Compose table and the typed configuration, as a
function that lists every disagreement (empty: none), so a test can also run it on broken copies."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

import project_settings

COMPOSE = project_settings.ROOT / "docker-compose.yml"
LAKE_VOLUME = "lake"


def load(path: Path = COMPOSE) -> dict:
    return yaml.safe_load(path.read_text())


def readme_services(readme: Path = project_settings.README) -> dict[str, dict]:
    """service -> {image, host (127.0.0.1:port or None), setting (or None)} from the README table."""
    table = project_settings.table_with_header(project_settings.markdown_section("Docker Compose", readme), "service")
    services = {}
    for row in table[1:]:
        spans = [project_settings.code_spans(cell) for cell in row]
        services[spans[0][0]] = {
            "image": spans[1][0],
            "host": spans[2][0] if spans[2] else None,
            "setting": spans[3][0] if spans[3] else None,
        }
    return services


def _published(service: dict) -> list[tuple[str, str, str]]:
    """(host ip, host port, container port) of each published port; a missing ip is ''."""
    found = []
    for port in service.get("ports", []):
        parts = str(port).split(":")
        ip, host, container = ([""] + parts if len(parts) == 2 else parts) if len(parts) > 1 else ("", parts[0], parts[0])
        found.append((ip, host, container.split("/")[0]))
    return found


def problems(compose: dict, readme: Path = project_settings.README, typed: dict | None = None) -> list[str]:
    typed = project_settings.typed_settings() if typed is None else typed
    documented = project_settings.readme_settings(readme)
    table = readme_services(readme)
    services = compose.get("services", {})
    found = []

    found += [f"service {name} is in the README's table but not in docker-compose.yml" for name in sorted(set(table) - set(services))]
    found += [f"service {name} is in docker-compose.yml but not in the README's table" for name in sorted(set(services) - set(table))]

    for name, service in services.items():
        row = table.get(name, {})
        if row and service.get("image") != row["image"]:
            found.append(f"service {name} runs {service.get('image')}, the README says {row['image']}")
        ports = _published(service)
        found += [f"service {name} publishes {host} on {ip or 'every address'}, not 127.0.0.1" for ip, host, _ in ports if ip != "127.0.0.1"]
        hosts = [f"{ip}:{host}" for ip, host, _ in ports]
        if row and hosts != ([row["host"]] if row["host"] else []):
            found.append(f"service {name} publishes {hosts}, the README says {row['host']}")
        setting = row.get("setting")
        if setting:
            # Settings of the Python parts (Superset, Airflow) are only in the README; the jar's are in both.
            port = (row["host"] or "").rsplit(":", 1)[-1]
            typed_default = typed[setting].default if setting in typed else port
            if setting not in documented:
                found.append(f"service {name}'s setting {setting} is not in the README's configuration table")
            elif not (typed_default == documented[setting] == port):
                found.append(f"service {name} is on port {row['host']}, but {setting} defaults to "
                             f"{typed[setting].default if setting in typed else '(not read by the typed configuration)'} "
                             f"(typed configuration) and {documented[setting]} (README)")
        if "healthcheck" not in service:
            found.append(f"service {name} has no health check")
        depends = service.get("depends_on", {})
        if isinstance(depends, list):
            found.append(f"service {name} lists depends_on without conditions")
        else:
            found += [f"service {name} waits for {other} without service_healthy" for other, how in depends.items()
                      if (how or {}).get("condition") != "service_healthy"]
        found += _environment_problems(name, service, services, typed, documented)

    volumes = set((compose.get("volumes") or {}))
    if LAKE_VOLUME not in volumes:
        found.append(f"no shared volume named {LAKE_VOLUME}")
    return found


def _environment_problems(name, service, services, typed, documented) -> list[str]:
    found = []
    environment = service.get("environment", {}) or {}
    for key, value in environment.items():
        if not key.startswith("ASSAY_"):
            continue
        if key not in documented:
            found.append(f"service {name} sets {key}, which is not in the README's configuration table")
        for host, port in re.findall(r"(?:^|//)([a-z][a-z0-9-]*):(\d+)", str(value)):
            target = services.get(host)
            if target is None:
                found.append(f"service {name}: {key}={value} names {host}, which is not a service")
            elif port not in _listening_ports(target):
                found.append(f"service {name}: {key}={value}, but {host} does not listen on {port}")
    data_dir = environment.get("ASSAY_DATA_DIR")
    if data_dir is not None:
        mounts = [v.split(":") for v in service.get("volumes", []) if isinstance(v, str)]
        if not any(source == LAKE_VOLUME and (data_dir + "/").startswith(target.rstrip("/") + "/") for source, target, *_ in mounts):
            found.append(f"service {name}: ASSAY_DATA_DIR={data_dir} (and so the lake) is not inside the {LAKE_VOLUME} volume")
    return found


def _listening_ports(service: dict) -> set[str]:
    """Container ports a service is reachable on inside the network: published ones and Kafka's advertised listeners."""
    ports = {container for _, _, container in _published(service)}
    for key in ("KAFKA_ADVERTISED_LISTENERS", "SCHEMA_REGISTRY_LISTENERS"):
        ports.update(re.findall(r":(\d+)", str((service.get("environment") or {}).get(key, ""))))
    return ports
