"""Keystone's WSGI application for gunicorn (test harness only): keystone_wsgi:application.

Two things keystone.wsgi.api does not do on its own when served this way:

1. oslo.config parses the process's command line, which under gunicorn is gunicorn's
   (--bind ...), and dies on it ("unrecognized arguments"): the arguments are dropped first.
2. Keystone's CORS middleware builds its own oslo.config object for project "keystone" and
   reads only the default places (~/.keystone/keystone.conf, ~/keystone.conf,
   /etc/keystone/keystone.conf, /etc/keystone.conf), never the file named by
   OS_KEYSTONE_CONFIG_FILES: a [cors] section there is silently ignored. The middleware is
   told the file, as the paste files of Cinder and Glance are (oslo_config_file).
"""

import os
import sys

sys.argv = sys.argv[:1]

from keystone.server.flask import core  # noqa: E402

_CONF_FILES = [f.strip() for f in os.environ['OS_KEYSTONE_CONFIG_FILES'].split(';')
               if f.strip()]
_cors = [mw for mw in core._APP_MIDDLEWARE if mw.ep == 'cors']
if len(_cors) != 1:
    raise SystemExit('keystone_wsgi: no single cors entry in keystone.server.flask.core.'
                     '_APP_MIDDLEWARE; Keystone changed, update this wrapper')
_cors[0].conf['oslo_config_file'] = _CONF_FILES[0]

from keystone.wsgi.api import application  # noqa: E402,F401
