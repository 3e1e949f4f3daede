"""The PostgreSQL plan of every claim-list filter, and of the combinations the indexes exist for.

Setup (what produced the figures in the issue note):
  createdb claimledger_plans; DATABASE_URL=postgres://…/claimledger_plans claimledger migrate
  benches/load_dataset.sh postgres://…/claimledger_plans 200000
  echo <password> | claimledger user create --username admin --role admin --password-stdin
  ALTER DATABASE claimledger_plans SET session_preload_libraries = 'auto_explain';
  ALTER DATABASE claimledger_plans SET auto_explain.log_min_duration = 0;
  ALTER DATABASE claimledger_plans SET auto_explain.log_analyze = on;
  start the server on it, then: BASE=http://127.0.0.1:8080 ADMIN_PASSWORD=… python3 benches/query_plans.py
auto_explain writes each statement's plan, with its real parameters, to the server log (LOG).
"""
import json, os, re, subprocess, time, urllib.request

BASE = os.environ.get("BASE", "http://127.0.0.1:8080")
LOG = os.environ.get("LOG", "/var/log/postgresql/postgresql-15-main.log")
PASSWORD = os.environ.get("ADMIN_PASSWORD", "adminadmin1")
def req(method, path, body=None, token=None):
    data = json.dumps(body).encode() if body is not None else None
    r = urllib.request.Request(BASE+path, data=data, method=method)
    if data: r.add_header("content-type","application/json")
    if token: r.add_header("authorization","Bearer "+token)
    with urllib.request.urlopen(r) as resp:
        return resp.status, dict(resp.headers), json.loads(resp.read() or b"null")
_,_,tok = req("POST","/v1/auth/token",{"username": "admin", "password": PASSWORD})
T = tok["access_token"]
req("GET","/v1/me",token=T)  # warm the session cache
cases = [
  ("q (full text)", "/v1/claims?q=district%2042%20police"),
  ("subject_id", "/v1/claims?subject_id=subject-000000042"),
  ("property", "/v1/claims?property=injured"),
  ("source_id", "/v1/claims?source_id=source-000000007"),
  ("tag", "/v1/claims?tag=tag-7"),
  ("verdict", "/v1/claims?verdict=verified"),
  ("min/max_confidence", "/v1/claims?min_confidence=0.9&max_confidence=0.95"),
  ("occurred_from/to", "/v1/claims?occurred_from=2016-03-01&occurred_to=2016-03-05"),
  ("has_open_contradictions", "/v1/claims?has_open_contradictions=true"),
  ("subject+property+sort occurred_at", "/v1/claims?subject_id=subject-000000042&property=injured&sort=occurred_at"),
  ("property+sort -confidence (page 1)", "/v1/claims?property=injured&sort=-confidence"),
  ("tag + -created_at", "/v1/claims?tag=tag-7&sort=-created_at"),
  ("default list (-created_at)", "/v1/claims"),
]
out=[]
for name, path in cases:
    pos = int(subprocess.check_output(["wc", "-c", LOG]).split()[0])
    st, hdr, body = req("GET", path, token=T)
    if name.startswith("property+sort -confidence"):
        nxt = body["next_cursor"]
        st, hdr, body = req("GET", path+"&cursor="+nxt, token=T)
        name = name.replace("page 1","page 2, with cursor")
    time.sleep(0.3)
    with open(LOG, "rb") as f:
        f.seek(pos); text = f.read().decode(errors="replace")
    plans = re.findall(r"duration: [\d.]+ ms  plan:\n(.*?)(?=\n\d{4}-\d\d-\d\d |\Z)", text, re.S)
    # the first plan touching claims with LIMIT is the id query
    main = [p for p in plans if "FROM \"claims\"" in p or 'FROM "claims"' in p]
    out.append((name, path, hdr.get("x-db-queries"), len(body["items"]), main[0] if main else (plans[0] if plans else "no plan logged")))
for name, path, q, n, plan in out:
    print(f"### {name}\n`GET {path}` → {n} items, {q} SQL statements\n```")
    lines = plan.splitlines()
    qi = [i for i,l in enumerate(lines) if l.strip().startswith("Query Text")]
    print("\n".join(l for l in lines if "Query Text" not in l)[:2500])
    print("```")
