"""A real oslo.messaging RPC client: one call, prints the JSON result or ERROR <class> <message>.

usage: rpc_call.py TRANSPORT_URL CONTROL_EXCHANGE TOPIC SERVER|- VERSION METHOD ARGS_JSON [TIMEOUT]
"""
import json
import sys

from oslo_config import cfg
import oslo_messaging as om

url, exchange, topic, server, version, method, args = sys.argv[1:8]
timeout = int(sys.argv[8]) if len(sys.argv) > 8 else 30
# parse no arguments: only then does oslo.config read OS_<GROUP>__<OPTION> variables (e.g. the login method)
cfg.CONF([])
om.set_transport_defaults(control_exchange=exchange)
transport = om.get_rpc_transport(cfg.CONF, url=url)
target = om.Target(topic=topic, server=None if server == "-" else server, version=version)
client = om.RPCClient(transport, target, timeout=timeout)
ctxt = {"request_id": "req-11111111-2222-3333-4444-555555555555", "user_id": "u1",
        "project_id": "p1", "is_admin": True, "roles": ["admin"]}
try:
    print(json.dumps(client.call(ctxt, method, **json.loads(args))), flush=True)
except Exception as e:  # the test asserts on the class oslo rebuilt
    print("ERROR %s %s" % (type(e).__name__, e), flush=True)
transport.cleanup()
