"""Cinder's API, scheduler and volume services in ONE process (test harness only).

With transport_url = fake:// oslo.messaging delivers RPC only between services of the same
process, so the stock cinder-api alone accepts an export (202) but nothing ever copies the
volume: it stays "uploading". Running all three services under one oslo.service
ServiceLauncher lets the API's casts reach the scheduler and the volume manager, and the
export completes to an "active" Glance image.

Usage: python cinder_all.py --config-file cinder.conf
"""

from cinder import monkey_patch; monkey_patch.patch()  # noqa: E702,I100

import logging as python_logging  # noqa: E402
import sys  # noqa: E402

import os_brick  # noqa: E402
import os_brick.privileged  # noqa: E402
from oslo_config import cfg  # noqa: E402
from oslo_log import log as logging  # noqa: E402
from oslo_service import service as oslo_service  # noqa: E402

from cinder.common import config  # noqa: E402
from cinder.common import constants  # noqa: E402
from cinder import coordination  # noqa: E402
from cinder import i18n  # noqa: E402
i18n.enable_lazy()
from cinder import objects  # noqa: E402
import cinder.privsep  # noqa: E402
from cinder import rpc  # noqa: E402
from cinder import service  # noqa: E402
from cinder import version  # noqa: E402

CONF = cfg.CONF

# Service.service_id is a class attribute: with several services in one process it names the
# last one started (the scheduler), so the volume service's heartbeat updated the scheduler's
# row and, after service_down_time (60 s), the volume service looked "down" and every new
# volume failed with NoValidBackend. Each heartbeat now names its own row.
_report_state = service.Service.report_state


def _report_own_state(self):
    if getattr(self, 'origin_service_id', None) is not None:
        service.Service.service_id = self.origin_service_id
    _report_state(self)


service.Service.report_state = _report_own_state


def main():
    objects.register_all()
    CONF(sys.argv[1:], project='cinder', version=version.version_string())
    config.set_middleware_defaults()
    logging.setup(CONF, 'cinder')
    python_logging.captureWarnings(True)
    log = logging.getLogger('cinder_all')
    os_brick.setup(CONF)
    # Privileged helpers (qemu-img info of the volume file, ...) run in this process instead
    # of through "sudo privsep-helper": the fake volumes are plain files of this user.
    for pctxt in (cinder.privsep.sys_admin_pctxt, os_brick.privileged.default,
                  os_brick.privileged.brick_privsep_hide_output):
        pctxt.set_client_mode(False)
    coordination.COORDINATOR.start()
    rpc.init(CONF)

    launcher = oslo_service.ServiceLauncher(CONF, restart_method='mutate')
    services = []
    for backend in filter(None, CONF.enabled_backends):
        services.append(service.Service.create(
            host='%s@%s' % (CONF.host, backend), service_name=backend,
            binary=constants.VOLUME_BINARY, coordination=True))
    # The scheduler asks the volume services for their capabilities when it starts; they
    # are created first so the fanout reaches them.
    services.append(service.Service.create(binary='cinder-scheduler'))
    services.append(service.WSGIService('osapi_volume'))
    for svc in services:
        launcher.launch_service(svc)
    log.info('cinder_all: %d services in one process', len(services))
    launcher.wait()


if __name__ == '__main__':
    main()
