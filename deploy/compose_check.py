#!/usr/bin/env python3
"""Cross-checks compose.yaml against the code, the secret generator and the init script.

Each rule prints what to fix; the script exits 1 if any fails. Run by deploy/check.

The settings a service reads are derived from the Swift sources, so they cannot drift: every dotted key
passed as the first argument of `.string(`, `.int(`, `.requiredString(` or `.requiredCipher(` and the like (the
SettingsReader calls), e.g.
"http.port" -> HTTP_PORT, plus the `services.<name>.url` keys ServiceSettings builds from the service
catalog. Shared/ (but TestSupport) counts for every service; Services/<Folder>/ for its own.

The services themselves come from the catalog, Shared/Models/ServiceCatalog.swift: compose.yaml, Package.swift,
deploy/generate-secrets and deploy/postgres/init-databases.sh are checked against it.
"""
import base64
import os
import re
import subprocess
import sys
import tempfile

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
failures = []


def fail(message):
    failures.append(message)


def env_name(key):
    return key.replace(".", "_").upper()


def swift_files(folder):
    for directory, _, names in os.walk(os.path.join(ROOT, folder)):
        for name in names:
            if name.endswith(".swift"):
                yield os.path.join(directory, name)


KEY_CALL = re.compile(
    r'\.(string|int|double|bool|duration|stringArray|requiredString|requiredInt|requiredCipher|requiredSecretKey)'
    r'\(\s*"([a-z0-9]+(?:\.[a-z0-9]+)+)"([^)]*)')
# The calls whose setting is always a secret.
SECRET_CALLS = {"requiredCipher", "requiredSecretKey"}


def settings_read(folders):
    """{ENV_NAME: is_secret} for the keys read in `folders`."""
    read = {}
    for folder in folders:
        for path in swift_files(folder):
            text = open(path, encoding="utf-8").read()
            for call, key, rest in KEY_CALL.findall(text):
                read[env_name(key)] = read.get(env_name(key), False) or call in SECRET_CALLS or "isSecret: true" in rest
            if '"services.\\(' in text:
                for entry in catalog():
                    read["SERVICES_%s_URL" % entry["name"].replace("-", "_").upper()] = False
    return read


# Arguments may wrap (swift format breaks long lines), so any white space separates them.
CATALOG_ENTRY = re.compile(
    r'PlatformService\(\s*name: "([a-z-]+)",\s*module: "(\w+)",\s*defaultPort: (\d+),\s*pathPrefixes: \[[^\]]*\],\s*'
    r'apiKeyScope: (?:nil|"\w+"),\s*databaseName: "(\w+)"')


def catalog():
    """The services of Shared/Models/ServiceCatalog.swift: [{name, module, port, database}], in its order."""
    text = open(os.path.join(ROOT, "Shared/Models/ServiceCatalog.swift"), encoding="utf-8").read()
    return [dict(name=name, module=module, port=int(port), database=database)
            for name, module, port, database in CATALOG_ENTRY.findall(text)]


def check_generated_secrets(secrets_dir, service_names):
    """What deploy/generate-secrets wrote: modes, key pairs, URLs, and a second run refuses."""
    if os.stat(secrets_dir).st_mode & 0o777 != 0o700:
        fail("generate-secrets: %s is not mode 0700" % secrets_dir)
    for name in os.listdir(secrets_dir):
        if os.stat(os.path.join(secrets_dir, name)).st_mode & 0o777 != 0o600:
            fail("generate-secrets: %s is not mode 0600" % name)

    def read(name):
        return open(os.path.join(secrets_dir, name), encoding="utf-8").read().strip()

    public = {}
    for service in service_names:
        raw = base64.b64decode(read(service.replace("-", "_") + "_signing_key"))
        if len(raw) != 32:
            fail("generate-secrets: %s's signing key is %d bytes, not 32" % (service, len(raw)))
            continue
        # PKCS#8 wrapping of a raw Ed25519 private key, so openssl can derive its public half.
        der = bytes.fromhex("302e020100300506032b657004220420") + raw
        spki = subprocess.run(["openssl", "pkey", "-inform", "DER", "-pubout", "-outform", "DER"],
                              input=der, capture_output=True, check=True).stdout
        public[service] = base64.b64encode(spki[-32:]).decode()
    for service in service_names:
        name = service.replace("-", "_")
        identity = dict(line.split("=", 1) for line in read(name + "_identity.env").splitlines())
        expected = ",".join("%s=%s" % (other, public.get(other)) for other in service_names
                            if other not in ("gateway", service))
        if identity.get("IDENTITY_TRUSTED_SERVICES") != expected:
            fail("generate-secrets: %s's IDENTITY_TRUSTED_SERVICES does not list the other services' public keys" % service)
        if service != "gateway" and identity.get("IDENTITY_GATEWAY_PUBLIC_KEY") != public.get("gateway"):
            fail("generate-secrets: %s's IDENTITY_GATEWAY_PUBLIC_KEY is not the gateway's public key" % service)
        url = "postgres://%s:%s@postgres:5432/%s" % (name, read(name + "_db_password"), name)
        if read(name + "_database_url") != url:
            fail("generate-secrets: %s_database_url does not match %s_db_password" % (name, name))
    before = read("admin_password")
    again = subprocess.run([os.path.join(ROOT, "deploy/generate-secrets"), "--dir", secrets_dir, "--no-chown"],
                           capture_output=True, text=True)
    if again.returncode == 0 or read("admin_password") != before:
        fail("generate-secrets: a second run over existing secrets must refuse and change nothing")


# Settings the code reads that a deployment deliberately leaves unset, and why.
NOT_SET_IN_COMPOSE = {
    "OPENMEDIA_DATA_DIR": "SQLite only; compose gives every service a PostgreSQL DATABASE_URL",
    "OPENMEDIA_ADMIN_CREDENTIALS_FILE": "only the local `openmedia` run writes a generated admin password",
}


def main():
    compose = yaml.safe_load(open(os.path.join(ROOT, "compose.yaml"), encoding="utf-8"))
    services = compose.get("services", {})
    entries = catalog()
    if len(entries) < 2 or entries[0]["name"] != "gateway":
        fail("Shared/Models/ServiceCatalog.swift: cannot read the catalog (gateway first, one PlatformService( per service)")
    package = open(os.path.join(ROOT, "Package.swift"), encoding="utf-8").read()
    packaged = {exe: (module, folder) for module, folder, exe in re.findall(r'\("(\w+)", "(\w+)", "([a-z-]+)"\)', package)}
    folders = {}
    for entry in entries:
        exe = entry["name"]
        folders[exe] = entry["module"]
        if packaged.get(exe) != (entry["module"], entry["module"]):
            fail("Package.swift: the services table lacks (\"%s\", \"%s\", \"%s\") from the catalog"
                 % (entry["module"], entry["module"], exe))
        if exe not in services:
            fail("compose.yaml: no service for %s, which the catalog lists" % exe)
        elif str((services[exe].get("environment") or {}).get("HTTP_PORT")) != str(entry["port"]):
            fail("compose.yaml: %s's HTTP_PORT is not the catalog's default port %d" % (exe, entry["port"]))
    for exe in set(packaged) - set(folders):
        fail("Package.swift: %s is not in the service catalog" % exe)
    ours = [name for name in services if name in folders]
    generator = open(os.path.join(ROOT, "deploy/generate-secrets"), encoding="utf-8").read()
    generated_for = re.search(r"^SERVICES=\(([^)]*)\)", generator, re.M)
    if not generated_for or generated_for.group(1).split() != list(folders):
        fail("deploy/generate-secrets: SERVICES=(...) must list the catalog's services in its order: %s" % " ".join(folders))

    # Secrets the generator writes.
    listed = subprocess.run([os.path.join(ROOT, "deploy/generate-secrets"), "--list"],
                            capture_output=True, text=True, check=True).stdout.split()
    top_secrets = compose.get("secrets", {})
    for name, spec in top_secrets.items():
        path = (spec or {}).get("file", "")
        if os.path.dirname(os.path.normpath(path)) != "deploy/secrets" or os.path.basename(path) not in listed:
            fail("secrets.%s: file %r is not one deploy/generate-secrets writes" % (name, path))
    used_secrets = set()

    for name, service in services.items():
        for target in (service.get("depends_on") or {}):
            if target not in services:
                fail("%s: depends_on %s, which is not a service" % (name, target))
            elif not services[target].get("healthcheck"):
                fail("%s: depends_on %s, which has no healthcheck" % (name, target))
            elif service["depends_on"][target].get("condition") != "service_healthy":
                fail("%s: depends_on %s needs condition: service_healthy" % (name, target))
        if service.get("ports") and name != "gateway":
            fail("%s: publishes ports; only the gateway may" % name)
        if not service.get("healthcheck"):
            fail("%s: has no healthcheck" % name)
        if service.get("restart") != "unless-stopped":
            fail("%s: needs restart: unless-stopped" % name)
        if service.get("read_only") is not True:
            fail("%s: needs read_only: true" % name)
        logging = service.get("logging") or {}
        options = logging.get("options") or {}
        if logging.get("driver") != "json-file" or "max-size" not in options or "max-file" not in options:
            fail("%s: needs json-file logging with max-size and max-file" % name)
        for secret in service.get("secrets") or []:
            secret = secret if isinstance(secret, str) else secret.get("source")
            used_secrets.add(secret)
            if secret not in top_secrets:
                fail("%s: uses secret %s, which the top-level secrets: does not define" % (name, secret))
        for key in (service.get("environment") or {}) if name not in folders else []:
            # Our services' secrets are known from the code (isSecret: true) and checked below.
            if re.search(r"PASSWORD|SECRET|SIGNING_KEY|DATABASE_URL", key) and not key.endswith("_FILE"):
                fail("%s: %s is a secret; give it as a secret file (%s_FILE)" % (name, key, key))
    for name in set(top_secrets) - used_secrets:
        fail("secrets.%s: defined but used by no service" % name)
    if services.get("gateway", {}).get("ports") is None:
        fail("gateway: publishes no port")

    # The services' database passwords: PostgreSQL's init script creates one database per service.
    init = open(os.path.join(ROOT, "deploy/postgres/init-databases.sh"), encoding="utf-8").read()
    databases = re.search(r"OPENMEDIA_DATABASES:-([a-z_ ]+)\}", init).group(1).split()
    postgres_secrets = set(services.get("postgres", {}).get("secrets") or [])
    for entry in entries:
        database = entry["database"]
        if database not in databases:
            fail("deploy/postgres/init-databases.sh: creates no database %s" % database)
        if database + "_db_password" not in postgres_secrets:
            fail("postgres: needs secret %s_db_password for the init script" % database)

    # Environment: what each service reads is set, and nothing set is unread.
    with tempfile.TemporaryDirectory() as temporary:
        secrets_dir = os.path.join(temporary, "secrets")
        subprocess.run([os.path.join(ROOT, "deploy/generate-secrets"), "--dir", secrets_dir, "--no-chown"],
                       capture_output=True, text=True, check=True)
        check_generated_secrets(secrets_dir, list(folders))
        shared = [os.path.join("Shared", d) for d in os.listdir(os.path.join(ROOT, "Shared")) if d != "TestSupport"]
        for exe in ours:
            service = services[exe]
            folder = os.path.join("Services", folders[exe])
            read = settings_read(shared + [folder])
            if exe == "gateway":
                read.pop("IDENTITY_GATEWAY_PUBLIC_KEY", None)  # the gateway is built with requiresGatewayKey: false
            secret_keys = {key for key, is_secret in read.items() if is_secret}
            given = dict(service.get("environment") or {})
            for env_file in service.get("env_file") or []:
                path = env_file if isinstance(env_file, str) else env_file["path"]
                if os.path.dirname(os.path.normpath(path)) != "deploy/secrets":
                    fail("%s: env_file %s is not written by deploy/generate-secrets" % (exe, path))
                    continue
                generated = os.path.join(secrets_dir, os.path.basename(path))
                if not os.path.exists(generated):
                    fail("%s: env_file %s is not written by deploy/generate-secrets" % (exe, path))
                    continue
                for line in open(generated, encoding="utf-8"):
                    if "=" in line and not line.startswith("#"):
                        given[line.split("=", 1)[0].strip()] = line.split("=", 1)[1].strip()
            for key in sorted(read):
                optional = key in NOT_SET_IN_COMPOSE or (exe != "gateway" and key.startswith("SERVICES_"))
                if key == "SERVICES_%s_URL" % exe.replace("-", "_").upper():
                    continue  # a service never calls itself
                if key in secret_keys and key in given:
                    fail("%s: %s is a secret; give %s_FILE and a secret instead" % (exe, key, key))
                if key not in given and key + "_FILE" not in given and not optional:
                    fail("%s: reads %s but compose.yaml sets neither it nor %s_FILE" % (exe, key, key))
            for key in sorted(given):
                base = key[:-len("_FILE")] if key.endswith("_FILE") else key
                if base not in read:
                    fail("%s: sets %s, which %s does not read (Swift sources)" % (exe, key, exe))
                if key.endswith("_FILE") and str(given[key]).startswith("/run/secrets/"):
                    secret = given[key][len("/run/secrets/"):]
                    if secret not in (service.get("secrets") or []):
                        fail("%s: %s points at /run/secrets/%s but the service lacks that secret" % (exe, key, secret))
            test = (service.get("healthcheck") or {}).get("test") or []
            if test[1:] != ["/app/%s" % exe, "healthcheck"]:
                fail("%s: healthcheck must run [\"CMD\", \"/app/%s\", \"healthcheck\"] (no curl in the image)" % (exe, exe))
            user = str(service.get("user", ""))
            if not user or user.split(":")[0] in ("0", "root"):
                fail("%s: needs a non-root user" % exe)

    # .env.example covers every variable compose.yaml interpolates, and only those.
    text = open(os.path.join(ROOT, "compose.yaml"), encoding="utf-8").read()
    text = "\n".join(line.split(" #")[0] for line in text.splitlines() if not line.lstrip().startswith("#"))
    interpolated = set(re.findall(r"\$\{([A-Z_][A-Z0-9_]*)", text))
    example = {line.split("=", 1)[0] for line in open(os.path.join(ROOT, ".env.example"), encoding="utf-8")
               if "=" in line and not line.startswith("#")}
    for key in sorted(interpolated - example):
        fail(".env.example: lacks %s, which compose.yaml uses" % key)
    for key in sorted(example - interpolated):
        fail(".env.example: sets %s, which compose.yaml never uses" % key)

    for message in failures:
        print("compose check: " + message, file=sys.stderr)
    if failures:
        print("compose check: %d problem(s)" % len(failures), file=sys.stderr)
        return 1
    print("compose check: %d services, %d secrets, settings match the Swift sources" % (len(services), len(top_secrets)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
