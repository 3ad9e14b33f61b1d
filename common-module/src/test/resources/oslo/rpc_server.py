"""A real oslo.messaging RPC server: prints READY, then one JSON line per request it receives.

usage: rpc_server.py TRANSPORT_URL CONTROL_EXCHANGE TOPIC SERVER VERSION
"""
import json
import sys
import threading

from oslo_config import cfg
import oslo_messaging as om

url, exchange, topic, server, version = sys.argv[1:6]
# parse no arguments: only then does oslo.config read OS_<GROUP>__<OPTION> variables (e.g. the login method)
cfg.CONF([])
om.set_transport_defaults(control_exchange=exchange)
transport = om.get_rpc_transport(cfg.CONF, url=url)
done = threading.Event()


class Endpoint(object):
    target = om.Target(version=version)

    def _record(self, method, ctxt, kwargs):
        print(json.dumps({"method": method, "context": ctxt, "args": kwargs}), flush=True)

    def record_cast(self, ctxt, **kwargs):
        self._record("record_cast", ctxt, kwargs)

    def echo(self, ctxt, **kwargs):
        self._record("echo", ctxt, kwargs)
        return {"echo": kwargs, "request_id": ctxt.get("request_id")}

    def fail(self, ctxt, **kwargs):
        raise ValueError("asked to fail")


srv = om.get_rpc_server(transport, om.Target(topic=topic, server=server), [Endpoint()],
                        executor="threading")
srv.start()
print("READY", flush=True)
sys.stdin.read()  # runs until the test closes our stdin or kills us
srv.stop()
srv.wait()
