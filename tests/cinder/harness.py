"""Client side of the real-OpenStack harness: identity and volume setup (up.sh) and the smoke
test (smoke.sh).

Only the Python standard library is used, so this runs with any python3; up.sh and smoke.sh
run it with the venv's interpreter. Every request goes to 127.0.0.1.

    harness.py setup  --run-dir DIR --keystone URL --cinder URL --glance URL
                      --admin-password PW --service-password PW --force-upload BOOL
                      [--cors-origin ORIGIN]
    harness.py smoke  --run-dir DIR [--record DIR]
"""

import argparse
import http.client
import json
import os
import sys
import time
import urllib.parse
import uuid

# The identity the harness makes in Keystone (setup) and env.json hands out.
ADMIN_USER = 'admin'  # keystone-manage bootstrap's, in the Default domain
SERVICE_PROJECT = 'service'
SERVICE_USERS = ('cinder', 'glance')  # their passwords: --service-password
DOMAIN = 'harness'
USER = 'harness-user'
PASSWORD = 'harness-user-password'
PROJECT = 'harness-project'
SECOND_PROJECT = 'harness-project-2'
APP_CRED = 'harness-app-cred'
# Response headers kept in recordings (lower-case); everything else varies or is noise.
KEPT_HEADERS = ('x-openstack-request-id', 'openstack-api-version', 'content-type',
                'x-compute-request-id', 'x-subject-token', 'www-authenticate')


class Response:
    def __init__(self, method, url, req_headers, req_body, status, headers, body):
        self.method = method
        self.url = url
        self.req_headers = req_headers
        self.req_body = req_body
        self.status = status
        self.headers = headers  # list of (name, value) as sent
        self.body = body  # text, exactly as received

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def json(self):
        return json.loads(self.body)

    def record(self, base_urls):
        """The recording: request (without the token), status, kept headers, raw body."""
        path = self.url
        for name, base in base_urls.items():
            if path == base or path.startswith(base + '/') or path.startswith(base + '?'):
                path = '{%s}' % name + path[len(base):]
                break
        req_headers = {k: v for k, v in self.req_headers.items()
                       if k.lower() != 'x-auth-token'}
        headers = {}
        for k, v in self.headers:
            if k.lower() in KEPT_HEADERS:
                headers[k] = v
        rec = {'request': {'method': self.method, 'url': path, 'headers': req_headers}}
        if self.req_body is not None:
            rec['request']['body'] = self.req_body
        rec['status'] = self.status
        rec['headers'] = headers
        rec['body'] = self.body
        return rec


def call(method, url, token=None, body=None, headers=None, timeout=30):
    parsed = urllib.parse.urlsplit(url)
    assert parsed.hostname in ('127.0.0.1', 'localhost', '::1'), url
    req_headers = {'Accept': 'application/json'}
    if token:
        req_headers['X-Auth-Token'] = token
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        req_headers['Content-Type'] = 'application/json'
    for k, v in (headers or {}).items():
        if v is None:
            req_headers.pop(k, None)  # e.g. no Accept header at all
        else:
            req_headers[k] = v
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=timeout)
    try:
        path = parsed.path + ('?' + parsed.query if parsed.query else '')
        conn.request(method, path, body=data, headers=req_headers)
        resp = conn.getresponse()
        raw = resp.read()
        return Response(method, url, req_headers, body, resp.status, resp.getheaders(),
                        raw.decode('utf-8', errors='replace'))
    finally:
        conn.close()


def password_auth(user, domain, password, scope=None):
    """The body of POST /v3/auth/tokens for a user name, its domain's name and a password."""
    auth = {'identity': {'methods': ['password'], 'password': {'user': {
        'name': user, 'domain': {'name': domain}, 'password': password}}}}
    if scope is not None:
        auth['scope'] = scope
    return {'auth': auth}


def project_scope(project_id):
    return {'project': {'id': project_id}}


class Keystone:
    def __init__(self, url):
        self.url = url.rstrip('/')

    def call(self, method, path, token=None, body=None, headers=None, expect=None):
        r = call(method, self.url + path, token, body, headers)
        if expect is not None and r.status != expect:
            raise SystemExit('keystone: %s %s -> %d (expected %d): %s'
                             % (method, path, r.status, expect, r.body[:2000]))
        return r

    def issue(self, body, expect=201):
        """POST /v3/auth/tokens; returns (token from X-Subject-Token, the answer)."""
        r = self.call('POST', '/v3/auth/tokens', body=body, expect=expect)
        return r.header('X-Subject-Token'), r

    def create(self, token, collection, kind, fields):
        """POST /v3/<collection> {kind: fields} -> the created object."""
        return self.call('POST', '/v3/%s' % collection, token, {kind: fields},
                         expect=201).json()[kind]

    def grant(self, token, project_id, user_id, role_id):
        self.call('PUT', '/v3/projects/%s/users/%s/roles/%s' % (project_id, user_id, role_id),
                  token, expect=204)


class Cloud:
    def __init__(self, cinder, glance, project, token, keystone=None, admin_token=None):
        self.cinder = cinder.rstrip('/')
        self.glance = glance.rstrip('/')
        self.keystone = keystone.rstrip('/') if keystone else None
        self.project = project
        self.token = token
        # A token of Keystone's admin user scoped to the same project, for what only an
        # administrator may do in Cinder (volume types, services, quotas, os-reset_status).
        self.admin_token = admin_token

    @property
    def base_urls(self):
        # Longest first so {cinder_v3_project} wins over {cinder}.
        urls = {'cinder_v3_project': '%s/v3/%s' % (self.cinder, self.project),
                'cinder': self.cinder, 'glance': self.glance}
        if self.keystone:
            urls['keystone'] = self.keystone
        return urls

    def v3(self, path):
        return '%s/v3/%s%s' % (self.cinder, self.project, path)

    def cinder_call(self, method, path, body=None, microversion=None, expect=None,
                    admin=False):
        headers = {}
        if microversion:
            headers['OpenStack-API-Version'] = 'volume %s' % microversion
        token = self.admin_token if admin else self.token
        r = call(method, self.v3(path), token, body, headers)
        if expect is not None and r.status != expect:
            raise SystemExit('%s %s -> %d (expected %d): %s'
                             % (method, path, r.status, expect, r.body[:2000]))
        return r

    def glance_call(self, method, path, expect=None, headers=None):
        r = call(method, self.glance + path, self.token, headers=headers)
        if expect is not None and r.status != expect:
            raise SystemExit('%s %s -> %d (expected %d): %s'
                             % (method, path, r.status, expect, r.body[:2000]))
        return r

    def volume(self, vol_id):
        return self.cinder_call('GET', '/volumes/%s' % vol_id, expect=200).json()['volume']

    def wait_volume(self, vol_id, statuses, timeout=60, seen=None):
        deadline = time.time() + timeout
        while True:
            vol = self.volume(vol_id)
            if seen is not None and (not seen or seen[-1] != vol['status']):
                seen.append(vol['status'])
            if vol['status'] in statuses:
                return vol
            if vol['status'].startswith('error') or time.time() > deadline:
                raise SystemExit('volume %s is %s, waited for %s'
                                 % (vol_id, vol['status'], statuses))
            time.sleep(0.2)

    def wait_image(self, image_id, timeout=60, seen=None):
        """Polls GET /v2/images/{id} until a final status, or a 404 (Cinder deletes the
        image when an upload fails); returns the last response."""
        deadline = time.time() + timeout
        while True:
            r = self.glance_call('GET', '/v2/images/%s' % image_id)
            status = r.json()['status'] if r.status == 200 else 'HTTP %d' % r.status
            if seen is not None and (not seen or seen[-1] != status):
                seen.append(status)
            if r.status != 200 or status in ('active', 'killed', 'deleted', 'deactivated'):
                return r
            if time.time() > deadline:
                raise SystemExit('image %s is still %s' % (image_id, status))
            time.sleep(0.1)


def wait_http(url, timeout):
    deadline = time.time() + timeout
    while True:
        try:
            r = call('GET', url, timeout=5)
            if r.status < 500:
                return r
        except OSError:
            pass
        if time.time() > deadline:
            raise SystemExit('no answer from %s within %ds' % (url, timeout))
        time.sleep(0.2)


# ---------------------------------------------------------------------------------------
# setup: the volume type and the two test volumes, through the real API


def setup_identity(ks, args, phase):
    """Keystone's side, through its API as an operator would do it: the service users the
    middleware of Cinder and Glance log in with, the catalog, a domain with two projects and a
    member user, the admin's role on the first project, an application credential."""
    admin_pw = {'user': ADMIN_USER, 'domain': 'Default', 'password': args.admin_password}
    # A system-scoped token: what Keystone's own policies (enforce_scope) want for admin work.
    sys_token, _ = ks.issue(password_auth(admin_pw['user'], admin_pw['domain'],
                                          admin_pw['password'], {'system': {'all': True}}))
    roles = {r['name']: r['id'] for r in
             ks.call('GET', '/v3/roles', sys_token, expect=200).json()['roles']}
    for needed in ('admin', 'member', 'reader', 'service'):
        if needed not in roles:
            raise SystemExit('keystone-manage bootstrap made no %r role: %s' % (needed, roles))
    admin_id = ks.call('GET', '/v3/users?name=%s&domain_id=default' % ADMIN_USER, sys_token,
                       expect=200).json()['users'][0]['id']

    # The service users (role "service" on project "service"): keystonemiddleware validates
    # every incoming token with their own token.
    service = ks.create(sys_token, 'projects', 'project', {
        'name': SERVICE_PROJECT, 'domain_id': 'default',
        'description': 'service users of the harness'})
    for name in SERVICE_USERS:
        user = ks.create(sys_token, 'users', 'user', {
            'name': name, 'domain_id': 'default', 'password': args.service_password})
        ks.grant(sys_token, service['id'], user['id'], roles['service'])

    # The catalog. Cinder under both of its service types (block-storage is the official
    # one, volumev3 what many clouds and clients still use), Glance, and Keystone itself
    # (bootstrap made that one).
    for stype, name, url in (
            ('block-storage', 'cinder', args.cinder.rstrip('/') + '/v3/%(project_id)s'),
            ('volumev3', 'cinderv3', args.cinder.rstrip('/') + '/v3/%(project_id)s'),
            ('image', 'glance', args.glance.rstrip('/'))):
        svc = ks.create(sys_token, 'services', 'service', {'type': stype, 'name': name})
        ks.create(sys_token, 'endpoints', 'endpoint', {
            'service_id': svc['id'], 'interface': 'public', 'region_id': 'RegionOne',
            'url': url})

    # The tenant side: a domain, two projects, a member user of both.
    domain = ks.create(sys_token, 'domains', 'domain', {
        'name': DOMAIN, 'description': 'the harness\'s users and projects'})
    first = ks.create(sys_token, 'projects', 'project', {
        'name': PROJECT, 'domain_id': domain['id'], 'description': 'the test volumes'})
    second = ks.create(sys_token, 'projects', 'project', {
        'name': SECOND_PROJECT, 'domain_id': domain['id'],
        'description': 'a second project of the same user'})
    user = ks.create(sys_token, 'users', 'user', {
        'name': USER, 'domain_id': domain['id'], 'password': PASSWORD,
        'default_project_id': first['id']})
    for project in (first, second):
        ks.grant(sys_token, project['id'], user['id'], roles['member'])
    # Cinder's admin-only calls of the harness (types, services, quotas, os-reset_status) need
    # a token scoped to the project in the URL: the admin gets "admin" there.
    ks.grant(sys_token, first['id'], admin_id, roles['admin'])
    phase('Keystone: service users, catalog, domain, projects, user')

    token, _ = ks.issue(password_auth(USER, DOMAIN, PASSWORD, project_scope(first['id'])))
    admin_token, _ = ks.issue(password_auth(admin_pw['user'], admin_pw['domain'],
                                            admin_pw['password'], project_scope(first['id'])))
    cred = ks.call('POST', '/v3/users/%s/application_credentials' % user['id'], token, {
        'application_credential': {
            'name': APP_CRED, 'description': 'harness: the member role on %s' % PROJECT}},
        expect=201).json()['application_credential']
    phase('Keystone: member token and application credential')
    return {
        'keystone': ks.url, 'user': USER, 'password': PASSWORD, 'user_domain': DOMAIN,
        'user_id': user['id'], 'domain_id': domain['id'],
        'project_name': PROJECT, 'project_id': first['id'],
        'second_project_name': SECOND_PROJECT, 'second_project_id': second['id'],
        'app_cred_id': cred['id'], 'app_cred_secret': cred['secret'],
        'admin_user': ADMIN_USER, 'admin_password': args.admin_password,
        'admin_domain': 'Default', 'token': token,
    }, admin_token


def setup(args):
    t0 = time.time()

    def phase(what):
        print('harness: %5.1f s %s' % (time.time() - t0, what), file=sys.stderr)

    ks = Keystone(args.keystone)
    wait_http(ks.url + '/v3', 90)
    phase('Keystone answers')
    ident, admin_token = setup_identity(ks, args, phase)
    project = ident['project_id']
    cloud = Cloud(args.cinder, args.glance, project, ident['token'], ks.url, admin_token)
    wait_http(cloud.glance + '/versions', 60)
    wait_http(cloud.cinder + '/', 60)
    phase('both APIs answer')

    # The scheduler only places volumes once the volume service has reported in.
    deadline = time.time() + 60
    while True:
        r = cloud.cinder_call('GET', '/os-services?binary=cinder-volume', expect=200,
                              admin=True)
        services = r.json()['services']
        if any(s['state'] == 'up' and s['status'] == 'enabled' for s in services):
            break
        if time.time() > deadline:
            raise SystemExit('cinder-volume never came up: %s' % services)
        time.sleep(0.3)
    phase('the volume service is up')

    # A volume type with extra specs (including a vendor-scoped key like EVS's
    # "XX:availability_zone", which the scheduler ignores), so volume_type carries data.
    vtype = cloud.cinder_call('POST', '/types', {'volume_type': {
        'name': 'harness-ssd', 'description': 'harness SSD type',
        'os-volume-type-access:is_public': True,
        'extra_specs': {'volume_backend_name': 'fake',
                        'harness:availability_zone': 'nova'}}}, expect=200,
        admin=True).json()

    # The volumes belong to the member user's project and are made with the member's token.
    def create(name, description, size):
        r = cloud.cinder_call('POST', '/volumes', {'volume': {
            'name': name, 'description': description, 'size': size,
            'volume_type': 'harness-ssd'}}, expect=202)
        return r.json()['volume']['id']

    available = create('harness-available', 'data disk for export tests', 1)
    inuse = create('harness-inuse', 'system disk, attached', 2)
    cloud.wait_volume(available, ('available',))
    cloud.wait_volume(inuse, ('available',))
    phase('both volumes available')

    # The in-use one looks like a system disk: bootable, with image metadata.
    cloud.cinder_call('POST', '/volumes/%s/action' % inuse,
                      {'os-set_bootable': {'bootable': True}}, expect=200)
    cloud.cinder_call('POST', '/volumes/%s/action' % inuse,
                      {'os-set_image_metadata': {'metadata': {
                          '__os_type': 'linux', 'image_name': 'harness-base'}}},
                      expect=200)

    # Attach through the attachments API (3.27+; "mode" needs 3.54), then complete (3.44).
    server_id = str(uuid.uuid4())
    connector = {'initiator': 'iqn.1993-08.org.debian:01:harness', 'ip': '127.0.0.1',
                 'host': 'harness-compute', 'platform': 'x86_64', 'os_type': 'linux',
                 'multipath': False, 'mountpoint': '/dev/vdb'}
    att = cloud.cinder_call('POST', '/attachments', {'attachment': {
        'volume_uuid': inuse, 'instance_uuid': server_id, 'connector': connector,
        'mode': 'rw'}}, microversion='3.54', expect=200).json()['attachment']
    cloud.cinder_call('POST', '/attachments/%s/action' % att['id'], {'os-complete': {}},
                      microversion='3.44', expect=204)
    cloud.wait_volume(inuse, ('in-use',))
    phase('one volume in-use')

    env = {'keystone': ident['keystone'], 'cinder': cloud.cinder, 'glance': cloud.glance,
           'project': project}
    env.update(ident)
    env.update({'available': available, 'inuse': inuse, 'server': server_id,
                'attachment': att['id'], 'volume_type': vtype['volume_type']['id'],
                'force_upload': args.force_upload == 'true',
                'cors_origin': args.cors_origin or None})
    with open(os.path.join(args.run_dir, 'env.json'), 'w') as f:
        json.dump(env, f, indent=2)
        f.write('\n')
    print('cinder-up ' + ' '.join('%s=%s' % (k, env[k]) for k in (
        'keystone', 'cinder', 'glance', 'user', 'password', 'user_domain', 'project_name',
        'project_id', 'second_project_name', 'second_project_id', 'app_cred_id',
        'app_cred_secret', 'token', 'available', 'inuse')) + ' force_upload=%s' % args.force_upload)


# ---------------------------------------------------------------------------------------
# smoke: the export against the real servers, every answer recorded


class Recorder:
    def __init__(self, cloud, out_dir, reference_dir, run_dir):
        self.cloud = cloud
        self.out_dir = out_dir
        self.reference_dir = reference_dir
        # Answers kept out of the committed recordings (see save's "local").
        self.local_dir = os.path.join(run_dir, 'recorded-local')
        self.failures = []
        self.passed = 0
        os.makedirs(out_dir, exist_ok=True)
        os.makedirs(self.local_dir, exist_ok=True)

    def save(self, name, resp, local=False):
        """Records an answer. local: only into RUN_DIR/recorded-local/, never into the
        committed recorded/ (whose every error answer must carry a request id:
        crates/evs-model/tests/recorded_cinder.rs checks that of each file there)."""
        rec = resp.record(self.cloud.base_urls)
        with open(os.path.join(self.local_dir if local else self.out_dir, name), 'w') as f:
            json.dump(rec, f, indent=2, ensure_ascii=False)
            f.write('\n')
        self.compare_with_reference(name, rec)

    def compare_with_reference(self, name, rec):
        """A fresh answer must have the same JSON structure (key sets) as the committed one."""
        if not self.reference_dir:
            return
        ref_path = os.path.join(self.reference_dir, name)
        if os.path.abspath(ref_path) == os.path.abspath(os.path.join(self.out_dir, name)):
            return
        if not os.path.exists(ref_path):
            return
        with open(ref_path) as f:
            ref = json.load(f)
        diffs = []
        if ref['status'] != rec['status']:
            diffs.append('status %s != recorded %s' % (rec['status'], ref['status']))
        try:
            shape_diff(json.loads(rec['body']), json.loads(ref['body']), '$', diffs)
        except ValueError:
            pass
        self.check(not diffs, '%s has the recorded shape: %s' % (name, '; '.join(diffs)))

    def check(self, ok, what):
        what = what.rstrip(': ').split('\n')[0][:300]
        if ok:
            self.passed += 1
            print('ok   %s' % what)
        else:
            self.failures.append(what)
            print('FAIL %s' % what)


# Keys that come and go with timing, not with the server's version: Glance adds "stores"
# once the data is in, and the first poll after a 202 may already see it.
VOLATILE_KEYS = {'stores'}


def shape_diff(a, b, path, diffs):
    if isinstance(a, dict) and isinstance(b, dict):
        if set(a) - VOLATILE_KEYS != set(b) - VOLATILE_KEYS:
            diffs.append('%s keys %s vs %s' % (path, sorted(set(a) - set(b)),
                                                sorted(set(b) - set(a))))
        for k in set(a) & set(b):
            shape_diff(a[k], b[k], '%s.%s' % (path, k), diffs)
    elif isinstance(a, list) and isinstance(b, list):
        # Lists (of volumes, say) come in any order: compare the union of their items' keys.
        ka = set().union(*(x for x in a if isinstance(x, dict)))
        kb = set().union(*(x for x in b if isinstance(x, dict)))
        if ka - VOLATILE_KEYS != kb - VOLATILE_KEYS:
            diffs.append('%s[*] keys %s vs %s' % (path, sorted(ka - kb), sorted(kb - ka)))


def call_raw(cloud, method, path, data):
    """A request with a raw (possibly broken) JSON body."""
    parsed = urllib.parse.urlsplit(cloud.v3(path))
    headers = {'Accept': 'application/json', 'Content-Type': 'application/json',
               'X-Auth-Token': cloud.token}
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    try:
        conn.request(method, parsed.path, body=data, headers=headers)
        resp = conn.getresponse()
        return Response(method, cloud.v3(path), headers, data.decode(), resp.status,
                        resp.getheaders(), resp.read().decode('utf-8', errors='replace'))
    finally:
        conn.close()


def smoke(args):
    with open(os.path.join(args.run_dir, 'env.json')) as f:
        env = json.load(f)
    ks = Keystone(env['keystone'])
    admin_token, _ = ks.issue(password_auth(env['admin_user'], env['admin_domain'],
                                            env['admin_password'],
                                            project_scope(env['project_id'])))
    cloud = Cloud(env['cinder'], env['glance'], env['project'], env['token'], ks.url,
                  admin_token)
    out = args.record or os.path.join(args.run_dir, 'recorded')
    reference = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'recorded')
    rec = Recorder(cloud, out, reference, args.run_dir)
    check = rec.check
    avail, inuse = env['available'], env['inuse']

    def upload(vol_id, params, microversion=None):
        return cloud.cinder_call('POST', '/volumes/%s/action' % vol_id,
                                 {'os-volume_upload_image': params}, microversion)

    def expect_error(name, resp, status, key, needle):
        rec.save(name, resp)
        check(resp.status == status, '%s: status %d, expected %d' % (name, resp.status, status))
        try:
            body = resp.json()
        except ValueError:
            body = {}
        inner = body.get(key) if isinstance(body, dict) else None
        check(isinstance(inner, dict) and inner.get('code') == status
              and needle in inner.get('message', ''),
              '%s: {"%s": {"code": %d, "message": ~%r}}, got %s'
              % (name, key, status, needle, resp.body[:300]))

    if env['force_upload']:
        # Lists and shows before anything changes. The volume reads recorded under their
        # plain names are an administrator's view (admin token, same project), as the noauth
        # harness's were (its context was an admin's); the *_member_* ones are what the member
        # user, and so the console, sees: no host or migration fields, attachments without
        # host_name.
        r = cloud.cinder_call('GET', '/volumes/detail', expect=200, admin=True)
        rec.save('volumes_detail_200.json', r)
        check({v['id'] for v in r.json()['volumes']} >= {avail, inuse}, 'volumes/detail lists both')
        r = cloud.cinder_call('GET', '/volumes/%s' % avail, expect=200, admin=True)
        rec.save('volume_available_200.json', r)
        r = cloud.cinder_call('GET', '/volumes/%s' % inuse, expect=200, admin=True)
        rec.save('volume_inuse_200.json', r)
        check(r.json()['volume']['status'] == 'in-use', 'the attached volume is in-use')
        admin_view = r.json()['volume']
        r = cloud.cinder_call('GET', '/volumes/detail?limit=1', expect=200, admin=True)
        rec.save('volumes_detail_limit1_200.json', r)
        check('volumes_links' in r.json(), 'a limited list has volumes_links')
        r = cloud.cinder_call('GET', '/volumes/detail', expect=200)
        rec.save('volumes_detail_member_200.json', r)
        check({v['id'] for v in r.json()['volumes']} >= {avail, inuse},
              'volumes/detail lists both for the member too')
        r = cloud.cinder_call('GET', '/volumes/%s' % inuse, expect=200)
        rec.save('volume_inuse_member_200.json', r)
        member_view = r.json()['volume']
        admin_only = sorted(set(admin_view) - set(member_view))
        check(admin_only == ['migration_status', 'os-vol-host-attr:host',
                             'os-vol-mig-status-attr:migstat', 'os-vol-mig-status-attr:name_id']
              and admin_view['attachments'][0]['host_name'] == 'harness-compute'
              and member_view['attachments'][0]['host_name'] is None,
              'a member sees no host fields and no attachment host_name (admin only: %s; '
              'host_name %r)' % (admin_only, member_view['attachments'][0]['host_name']))

        # 1. The export of the available volume (3.0), followed to the end.
        before = cloud.volume(avail)
        r = upload(avail, {'image_name': 'harness-export-qcow2', 'force': False,
                           'container_format': 'bare', 'disk_format': 'qcow2'})
        rec.save('upload_image_202.json', r)
        check(r.status == 202, 'upload_image_202.json: status %d, body %s' % (r.status, r.body[:300]))
        body = r.json()['os-volume_upload_image']
        image_id = body['image_id']
        check(body['status'] == 'uploading' and body['id'] == avail, 'the 202 names the volume, uploading')
        check(body['updated_at'] == before['updated_at'],
              'upload 202 updated_at is the pre-change value: %s vs %s'
              % (body['updated_at'], before['updated_at']))
        img_seen, vol_seen = [], []
        first = cloud.glance_call('GET', '/v2/images/%s' % image_id, expect=200)
        rec.save('image_first_poll_200.json', first)
        img_seen.append(first.json()['status'])
        vol_now = cloud.cinder_call('GET', '/volumes/%s' % avail, expect=200, admin=True)
        rec.save('volume_after_upload_202.json', vol_now)
        vol_seen.append(vol_now.json()['volume']['status'])
        final = cloud.wait_image(image_id, seen=img_seen)
        rec.save('image_active_200.json', final)
        check(final.status == 200 and final.json()['status'] == 'active',
              'image goes to active: statuses %s' % ' -> '.join(img_seen))
        cloud.wait_volume(avail, ('available',), seen=vol_seen)
        check(vol_seen[-1] == 'available',
              'volume goes back to available: %s' % ' -> '.join(vol_seen))
        progress = {'qcow2': {'image_statuses': img_seen, 'volume_statuses': vol_seen}}
        print('     qcow2 export: image %s; volume %s' % (' -> '.join(img_seen), ' -> '.join(vol_seen)))

        # 1b. vhd: accepted (202), but Cinder 29 then runs "qemu-img info -f vhd" on its own
        # converted file (qemu calls the format "vpc"), the upload fails, and Cinder deletes
        # the image: the image poll ends in a 404, the volume returns to available.
        r = upload(avail, {'image_name': 'harness-export-vhd', 'force': False,
                           'container_format': 'bare', 'disk_format': 'vhd'})
        rec.save('upload_image_vhd_202.json', r)
        check(r.status == 202, 'upload_image_vhd_202.json: vhd is accepted (202)')
        img_seen, vol_seen = [], []
        final = cloud.wait_image(r.json()['os-volume_upload_image']['image_id'], seen=img_seen)
        # Glance answers 200 with status "deleted" for a moment, then 404: either can be seen.
        if final.status == 404:
            rec.save('image_vhd_after_failed_upload_404.json', final)
        else:
            rec.save('image_vhd_after_failed_upload_%s_%d.json'
                     % (final.json()['status'], final.status), final)
        check(final.status == 404 or final.json()['status'] == 'deleted',
              'vhd export: the image is deleted (404, or 200 "deleted") after the failed '
              'conversion: %s' % ' -> '.join(img_seen))
        cloud.wait_volume(avail, ('available',), seen=vol_seen)
        check(vol_seen[-1] == 'available', 'vhd export: the volume returns to available')
        # 1c. Why it failed: Cinder's user message about the volume (microversion 3.3).
        # Recorded when the volume gets its status back; asked a few times to be sure.
        deadline = time.time() + 15
        while True:
            r = cloud.cinder_call('GET', '/messages?resource_uuid=%s' % avail, microversion='3.3')
            msgs = r.json().get('messages', []) if r.status == 200 else []
            if msgs or time.time() > deadline:
                break
            time.sleep(0.3)
        rec.save('messages_vhd_failed_200.json', r)
        check(any(m.get('event_id') == 'VOLUME_VOLUME_003_004'
                  and m.get('resource_uuid') == avail for m in msgs),
              'vhd export: Cinder records VOLUME_VOLUME_003_004 for the volume: %s' % r.body[:400])
        r = cloud.cinder_call('GET', '/messages?resource_uuid=%s' % avail)
        rec.save('messages_v30_404.json', r)
        check(r.status == 404, 'the messages API needs microversion 3.3: 3.0 answers %d' % r.status)
        progress['vhd'] = {'image_statuses': img_seen, 'volume_statuses': vol_seen}
        print('     vhd export: image %s; volume %s' % (' -> '.join(img_seen), ' -> '.join(vol_seen)))
        with open(os.path.join(out, 'progress.json'), 'w') as f:
            json.dump(progress, f, indent=2)
            f.write('\n')

        # 2. Microversion 3.1: visibility and protected.
        r = upload(avail, {'image_name': 'harness-export-v31', 'disk_format': 'raw',
                           'container_format': 'bare', 'visibility': 'shared',
                           'protected': True}, microversion='3.1')
        rec.save('upload_image_v31_202.json', r)
        check(r.status == 202 and r.json()['os-volume_upload_image'].get('visibility') == 'shared'
              and r.json()['os-volume_upload_image'].get('protected') is True,
              'upload_image_v31_202.json: 3.1 echoes visibility and protected: %s' % r.body[:400])
        v31_image = r.json()['os-volume_upload_image']['image_id']
        final = cloud.wait_image(v31_image)
        rec.save('image_v31_active_200.json', final)
        check(final.json()['status'] == 'active' and final.json()['visibility'] == 'shared'
              and final.json()['protected'] is True, 'the 3.1 image is active, shared, protected')
        cloud.wait_volume(avail, ('available',))

        # Deleting a protected image: Glance refuses (403), the image stays.
        as_json = {'Accept': 'application/json'}
        r = cloud.glance_call('DELETE', '/v2/images/%s' % v31_image, headers=as_json)
        rec.save('image_delete_protected_403.json', r)
        check(r.status == 403 and 'is protected and cannot be deleted' in r.body,
              'a protected image is not deleted (403): %s' % r.body[:300])

        # 2b. Cinder checks only the name's length: a name of spaces is exported too.
        r = upload(avail, {'image_name': '   ', 'disk_format': 'raw'})
        rec.save('upload_image_blank_name_202.json', r)
        check(r.status == 202, 'a name of three spaces is accepted (202): %s' % r.body[:200])
        if r.status == 202:
            blank_image = r.json()['os-volume_upload_image']['image_id']
            cloud.wait_image(blank_image)
            cloud.wait_volume(avail, ('available',))
            # An image list page with a next link, then deleting that image: 204, then 404.
            r = cloud.glance_call('GET', '/v2/images?owner=%s&limit=1' % cloud.project,
                                  headers=as_json)
            rec.save('images_limit1_200.json', r)
            check(r.status == 200 and 'next' in r.json(),
                  'a limited image list has a next link: %s' % r.body[:300])
            r = cloud.glance_call('DELETE', '/v2/images/%s' % blank_image, headers=as_json)
            rec.save('image_delete_204.json', r)
            check(r.status == 204, 'an image is deleted (204): %d %s' % (r.status, r.body[:200]))
            r = cloud.glance_call('DELETE', '/v2/images/%s' % blank_image, headers=as_json)
            rec.save('image_delete_again_404.json', r)
            check(r.status == 404, 'deleting it again: 404, got %d' % r.status)

        # 2c. The limit counts characters: 255 CJK characters (765 bytes) are fine.
        r = upload(avail, {'image_name': '\u955c' * 255, 'disk_format': 'raw'})
        rec.save('upload_image_cjk_255_202.json', r)
        check(r.status == 202, '255 CJK characters are accepted (202): %s' % r.body[:200])
        if r.status == 202:
            cloud.wait_image(r.json()['os-volume_upload_image']['image_id'])
            cloud.wait_volume(avail, ('available',))

        # 2d. Cinder has no 1 TiB export limit (EVS has). The default quota (1000 GB) is an
        # overLimit first; with the quota lifted a 1025 GB volume exports (its file is 1 MiB).
        big = {'volume': {'name': 'harness-1025g', 'size': 1025, 'volume_type': 'harness-ssd'}}
        r = cloud.cinder_call('POST', '/volumes', big)
        expect_error('volume_create_over_quota_413.json', r, 413, 'overLimit',
                     'VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds '
                     'allowed gigabytes quota. Requested 1025G, quota is 1000G')
        cloud.cinder_call('PUT', '/os-quota-sets/%s' % cloud.project,
                          {'quota_set': {'gigabytes': -1, 'per_volume_gigabytes': -1}},
                          expect=200, admin=True)
        big_id = cloud.cinder_call('POST', '/volumes', big, expect=202).json()['volume']['id']
        cloud.wait_volume(big_id, ('available',))
        r = upload(big_id, {'image_name': 'harness-export-1025g', 'disk_format': 'raw'})
        rec.save('upload_image_over_1tib_202.json', r)
        check(r.status == 202 and r.json()['os-volume_upload_image']['size'] == 1025,
              'a 1025 GB volume exports (202): %s' % r.body[:200])
        if r.status == 202:
            img = cloud.wait_image(r.json()['os-volume_upload_image']['image_id'])
            check(img.status == 200 and img.json()['status'] == 'active',
                  'the 1025 GB export becomes active')
            cloud.wait_volume(big_id, ('available',))
        # Back as it was, so smoke.sh can run again against the same servers.
        cloud.cinder_call('DELETE', '/volumes/%s' % big_id, expect=202)
        deadline = time.time() + 30
        while cloud.cinder_call('GET', '/volumes/%s' % big_id).status != 404:
            if time.time() > deadline:
                raise SystemExit('volume %s was not deleted' % big_id)
            time.sleep(0.2)
        cloud.cinder_call('PUT', '/os-quota-sets/%s' % cloud.project,
                          {'quota_set': {'gigabytes': 1000, 'per_volume_gigabytes': -1}},
                          expect=200, admin=True)

        # 3. The in-use volume with force (enable_force_upload = true).
        r = upload(inuse, {'image_name': 'harness-export-inuse', 'force': True,
                           'disk_format': 'raw', 'container_format': 'bare'})
        rec.save('upload_image_inuse_force_202.json', r)
        check(r.status == 202, 'in-use + force: 202, got %d %s' % (r.status, r.body[:300]))
        if r.status == 202:
            img = cloud.wait_image(r.json()['os-volume_upload_image']['image_id'])
            rec.save('image_inuse_active_200.json', img)
            check(img.json()['status'] == 'active', 'the in-use export becomes active')
            vol = cloud.wait_volume(inuse, ('in-use',))
            check(vol['status'] == 'in-use', 'the in-use volume goes back to in-use')

    # 4. Errors, each Cinder's own words.
    r = upload(inuse, {'image_name': 'harness-inuse-noforce', 'disk_format': 'raw'})
    expect_error('upload_image_inuse_noforce_400.json', r, 400, 'badRequest',
                 'Volume %s status must be available' % inuse)
    if not env['force_upload']:
        r = upload(inuse, {'image_name': 'harness-inuse-force', 'force': True,
                           'disk_format': 'raw'})
        expect_error('upload_image_inuse_force_disabled_400.json', r, 400, 'badRequest',
                     'Volume %s status must be available' % inuse)

    # A volume in another state (an admin's os-reset_status puts it in "error"): Cinder's
    # words depend on whether force counted, not on the state.
    cloud.cinder_call('POST', '/volumes/%s/action' % avail,
                      {'os-reset_status': {'status': 'error'}}, expect=202,
                      admin=True)
    r = upload(avail, {'image_name': 'harness-error-state', 'disk_format': 'raw'})
    expect_error('upload_image_error_state_400.json', r, 400, 'badRequest',
                 'Volume %s status must be available' % avail)
    r = upload(avail, {'image_name': 'harness-error-state-force', 'disk_format': 'raw',
                       'force': True})
    expect_error('upload_image_error_state_force%s_400.json'
                 % ('' if env['force_upload'] else '_disabled'), r, 400, 'badRequest',
                 'Volume %s status must be available%s'
                 % (avail, ' or in-use' if env['force_upload'] else ''))
    cloud.cinder_call('POST', '/volumes/%s/action' % avail,
                      {'os-reset_status': {'status': 'available'}}, expect=202,
                      admin=True)
    if not env['force_upload']:
        report(rec)
        return

    missing = str(uuid.uuid4())
    r = upload(missing, {'image_name': 'harness-missing', 'disk_format': 'raw'})
    expect_error('upload_image_unknown_volume_404.json', r, 404, 'itemNotFound',
                 'Volume %s could not be found.' % missing)
    r = upload(avail, {'image_name': 'harness-zvhd2', 'disk_format': 'zvhd2'})
    expect_error('upload_image_bad_disk_format_400.json', r, 400, 'badRequest',
                 "'zvhd2' is not one of")
    r = upload(avail, {'image_name': 'harness-ostype', 'disk_format': 'raw',
                       '__os_type': 'linux'})
    expect_error('upload_image_os_type_400.json', r, 400, 'badRequest',
                 'Additional properties are not allowed')
    r = upload(avail, {'image_name': 'harness-vis30', 'disk_format': 'raw',
                       'visibility': 'private'})
    expect_error('upload_image_visibility_v30_400.json', r, 400, 'badRequest',
                 'Additional properties are not allowed')
    r = upload(avail, {'image_name': 'x' * 256, 'disk_format': 'raw'})
    expect_error('upload_image_name_too_long_400.json', r, 400, 'badRequest', 'is too long')
    # Cinder's schema takes any container_format string; Glance refuses unknown ones and
    # Cinder passes Glance's (multi-line) words on.
    r = upload(avail, {'image_name': 'harness-zzz', 'container_format': 'zzz'})
    expect_error('upload_image_bad_container_format_400.json', r, 400, 'badRequest',
                 "Unable to set 'container_format' to 'zzz'. Reason: 'zzz' is not one of")
    r = upload(avail, {'image_name': 'harness-compressed', 'container_format': 'compressed'})
    expect_error('upload_image_compressed_400.json', r, 400, 'badRequest',
                 'Image compression upload disallowed, but container_format is compressed')
    check(cloud.volume(avail)['status'] == 'available',
          'after a refused export the volume is available again')
    # The EVS path (/v2) does not exist on Cinder 29: webob's HTML 404.
    r = call('POST', '%s/v2/%s/volumes/%s/action' % (cloud.cinder, cloud.project, avail),
             cloud.token, {'os-volume_upload_image': {'image_name': 'harness-v2'}},
             headers={'Accept': '*/*'})
    rec.save('upload_image_v2_path_404.json', r)
    check(r.status == 404 and 'text/html' in (r.header('content-type') or '')
          and 'The resource could not be found.' in r.body,
          'the /v2 path is an HTML 404: %s' % r.body[:200])
    r = upload(avail, {'image_name': 'harness-bad-force', 'force': 'maybe'})
    expect_error('upload_image_bad_force_400.json', r, 400, 'badRequest', 'force')
    r = cloud.cinder_call('GET', '/volumes/%s' % missing)
    expect_error('volume_unknown_404.json', r, 404, 'itemNotFound',
                 'Volume %s could not be found.' % missing)
    r = call_raw(cloud, 'POST', '/volumes/%s/action' % avail, b'{"os-volume_upload_image": ')
    expect_error('upload_image_malformed_body_400.json', r, 400, 'badRequest',
                 'Malformed request body')
    # 5. Keystone: sign-in, projects, rescoping, revocation, and a token for the wrong project.
    second_token = smoke_identity(env, ks, cloud, rec)
    other = Cloud(cloud.cinder, cloud.glance, cloud.project, second_token)
    r = other.cinder_call('POST', '/volumes/%s/action' % avail,
                          {'os-volume_upload_image': {'image_name': 'harness-other'}})
    expect_error('upload_image_project_mismatch_400.json', r, 400, 'badRequest',
                 'Malformed request url')
    r = cloud.cinder_call('GET', '/volumes/%s' % avail, microversion='3.99')
    expect_error('volume_microversion_unsupported_406.json', r, 406, 'computeFault',
                 'Version 3.99 is not supported by the API. Minimum is 3.0 and maximum is 3.71.')
    # Without a token keystonemiddleware answers before Cinder or Glance see the request.
    www_auth = 'Keystone uri="%s"' % env['keystone']
    r = call('GET', cloud.v3('/volumes/%s' % avail), None)
    rec.save('volume_no_token_401.json', r)
    check(r.status == 401 and r.header('WWW-Authenticate') == www_auth
          and r.json() == {'error': {'code': 401, 'title': 'Unauthorized',
                                     'message': 'The request you have made requires '
                                                'authentication.'}},
          'cinder without a token: 401, WWW-Authenticate %s: %s %s'
          % (r.header('WWW-Authenticate'), r.status, r.body[:300]))
    # Glance's 401 carries no request id (its request-id middleware comes after auth_token):
    # kept out of recorded/ (see Recorder.save), the body is quoted in DIFFERENCES.md.
    r = call('GET', '%s/v2/images/%s' % (cloud.glance, missing), None)
    rec.save('image_no_token_401.json', r, local=True)
    check(r.status == 401 and r.header('WWW-Authenticate') == www_auth
          and r.header('x-openstack-request-id') is None
          and r.json().get('code') == '401 Unauthorized',
          'glance without a token: 401 (no request id), WWW-Authenticate %s: %s %s'
          % (r.header('WWW-Authenticate'), r.status, r.body[:300]))

    # Glance's 404 depends on the Accept header: JSON, an HTML page, or plain text.
    for name, accept, ctype in (('json', 'application/json', 'application/json'),
                                ('html', '*/*', 'text/html'),
                                ('text', None, 'text/plain')):
        r = cloud.glance_call('GET', '/v2/images/%s' % missing, headers={'Accept': accept})
        rec.save('image_unknown_404_%s.json' % name, r)
        check(r.status == 404 and (r.header('content-type') or '').startswith(ctype)
              and 'No image found with ID %s' % missing in r.body,
              'glance: unknown image, Accept %s -> 404 %s' % (accept, r.header('content-type')))
    # The microversion header echo on a 3.0 request without the header, for DIFFERENCES.md.
    r = cloud.cinder_call('GET', '/volumes/%s' % avail, microversion='3.71', admin=True)
    rec.save('volume_available_v371_200.json', r)
    check(r.status == 200, 'GET volume at the newest microversion 3.71')
    smoke_cors(env, cloud, rec)
    report(rec)


UNAUTHORIZED = {'error': {'code': 401, 'title': 'Unauthorized',
                          'message': 'The request you have made requires authentication.'}}


def smoke_identity(env, ks, cloud, rec):
    """Keystone's answers to what the console's sign-in will send, each recorded
    (recorded/keystone_*.json), and what Cinder and Glance make of those tokens. Returns a
    token of the member user scoped to the second project."""
    check = rec.check
    first, second = env['project_id'], env['second_project_id']
    by_name = {'project': {'name': env['project_name'], 'domain': {'name': env['user_domain']}}}

    def token_body(r):
        try:
            return r.json()['token'] if r.status == 201 else {}
        except (ValueError, KeyError):
            return {}

    # Password, scoped by the names a user types (project and domain).
    r = ks.call('POST', '/v3/auth/tokens', body=password_auth(
        env['user'], env['user_domain'], env['password'], by_name))
    rec.save('keystone_auth_password_201.json', r)
    token, body = r.header('X-Subject-Token'), token_body(r)
    check(r.status == 201 and token and body.get('project', {}).get('id') == first
          and body.get('expires_at'),
          'keystone: password sign-in -> 201, X-Subject-Token, the first project, expires_at: '
          '%d %s' % (r.status, r.body[:200]))
    check({'member', 'reader'} <= {x['name'] for x in body.get('roles', [])},
          'the member token has the roles member and reader (implied): %s'
          % body.get('roles'))
    public = {s['type']: sorted(e['url'] for e in s['endpoints'] if e['interface'] == 'public')
              for s in body.get('catalog', [])}
    check(set(public) >= {'identity', 'volumev3', 'block-storage', 'image'},
          'the catalog has identity, volumev3, block-storage, image: %s' % sorted(public))
    volume_url = '%s/v3/%s' % (cloud.cinder, first)
    check(public.get('volumev3') == [volume_url] and public.get('block-storage') == [volume_url]
          and public.get('image') == [cloud.glance]
          and public.get('identity') == [env['keystone'] + '/v3'],
          'the public endpoints: Cinder with the project id filled in, Glance, Keystone: %s'
          % public)
    r = call('GET', cloud.v3('/volumes/%s' % env['available']), token)
    check(r.status == 200, 'cinder takes the new token: %d' % r.status)
    r = call('GET', '%s/v2/images?limit=1' % cloud.glance, token)
    check(r.status == 200, 'glance takes the new token: %d' % r.status)

    # An application credential (what OpenStack recommends for tools): no user name, domain
    # or project; the token has the credential's project and roles.
    r = ks.call('POST', '/v3/auth/tokens', body={'auth': {'identity': {
        'methods': ['application_credential'], 'application_credential': {
            'id': env['app_cred_id'], 'secret': env['app_cred_secret']}}}})
    rec.save('keystone_auth_app_cred_201.json', r)
    body = token_body(r)
    check(r.status == 201 and r.header('X-Subject-Token')
          and body.get('application_credential', {}).get('id') == env['app_cred_id']
          and body.get('project', {}).get('id') == first,
          'keystone: application credential -> 201, the credential and the first project: '
          '%d %s' % (r.status, r.body[:200]))
    if r.status == 201:
        r = call('GET', cloud.v3('/volumes/%s' % env['available']), r.header('X-Subject-Token'))
        check(r.status == 200, 'cinder takes the application credential\'s token: %d' % r.status)

    # Refusals: one 401 with the same words whatever was wrong.
    for name, body in (
            ('wrong_password', password_auth(env['user'], env['user_domain'],
                                             env['password'] + '-wrong', by_name)),
            ('unknown_user', password_auth('no-such-user', env['user_domain'],
                                           env['password'], by_name)),
            ('unknown_project', password_auth(
                env['user'], env['user_domain'], env['password'],
                {'project': {'name': 'no-such-project',
                             'domain': {'name': env['user_domain']}}})),
            ('unknown_domain', password_auth(env['user'], 'no-such-domain',
                                             env['password'], by_name)),
            ('wrong_app_cred_secret', {'auth': {'identity': {
                'methods': ['application_credential'], 'application_credential': {
                    'id': env['app_cred_id'], 'secret': 'wrong'}}}})):
        r = ks.call('POST', '/v3/auth/tokens', body=body)
        rec.save('keystone_auth_%s_401.json' % name, r)
        try:
            answer = r.json()
        except ValueError:
            answer = None
        check(r.status == 401 and answer == UNAUTHORIZED and not r.header('X-Subject-Token'),
              'keystone: %s -> 401 %s' % (name.replace('_', ' '), r.body[:300]))

    # The user's projects, then a token for the second one from the first token (rescoping:
    # no password again).
    r = ks.call('GET', '/v3/auth/projects', env['token'])
    rec.save('keystone_auth_projects_200.json', r)
    names = sorted(p['name'] for p in r.json().get('projects', [])) if r.status == 200 else []
    check(r.status == 200 and names == sorted([env['project_name'], env['second_project_name']]),
          'keystone: GET /v3/auth/projects lists both projects: %s' % names)
    r = ks.call('GET', '/v3/auth/tokens', env['token'], headers={'X-Subject-Token': env['token']})
    rec.save('keystone_validate_200.json', r)
    check(r.status == 200, 'keystone: GET /v3/auth/tokens validates the token: %d' % r.status)
    expires = r.json()['token']['expires_at'] if r.status == 200 else None
    r = ks.call('POST', '/v3/auth/tokens', body={'auth': {
        'identity': {'methods': ['token'], 'token': {'id': env['token']}},
        'scope': project_scope(second)}})
    rec.save('keystone_auth_rescope_201.json', r)
    second_token, body = r.header('X-Subject-Token'), token_body(r)
    check(r.status == 201 and second_token and body.get('project', {}).get('id') == second,
          'keystone: rescoping to the second project -> 201: %d %s' % (r.status, r.body[:200]))
    check(body.get('expires_at') == expires,
          'the rescoped token keeps the first token\'s expiry: %s vs %s'
          % (body.get('expires_at'), expires))
    r = call('GET', '%s/v3/%s/volumes/detail' % (cloud.cinder, second), second_token)
    check(r.status == 200 and r.json().get('volumes') == [],
          'cinder: the second project\'s volumes with its token: none: %d %s'
          % (r.status, r.body[:200]))

    # Sign-out: the token revokes itself; Keystone then does not know it, and Cinder and
    # Glance refuse it at once (they just took it: with keystonemiddleware's token cache on,
    # they would go on taking it for token_cache_time).
    r = ks.call('DELETE', '/v3/auth/tokens', token, headers={'X-Subject-Token': token})
    rec.save('keystone_revoke_204.json', r)
    check(r.status == 204 and r.body == '', 'keystone: DELETE /v3/auth/tokens -> 204: %d %s'
          % (r.status, r.body[:200]))
    r = ks.call('GET', '/v3/auth/tokens', env['token'], headers={'X-Subject-Token': token})
    rec.save('keystone_validate_revoked_404.json', r)
    check(r.status == 404, 'keystone: the revoked token no longer validates: %d %s'
          % (r.status, r.body[:200]))
    r = call('GET', cloud.v3('/volumes/%s' % env['available']), token)
    rec.save('volume_revoked_token_401.json', r)
    check(r.status == 401 and r.json() == UNAUTHORIZED,
          'cinder refuses the revoked token: %d %s' % (r.status, r.body[:200]))
    r = call('GET', '%s/v2/images?limit=1' % cloud.glance, token)
    rec.save('image_revoked_token_401.json', r, local=True)
    check(r.status == 401, 'glance refuses the revoked token: %d %s' % (r.status, r.body[:200]))

    # Revocation and rescoping (Keystone 30: DELETE cascades to the tokens made from the one
    # revoked, unless ?cascade=false): revoking a rescoped token leaves the token it was made
    # from valid; revoking that one revokes every token rescoped from it.
    def valid(t):
        return ks.call('GET', '/v3/auth/tokens', env['token'],
                       headers={'X-Subject-Token': t}).status

    def rescope(t):
        return ks.issue({'auth': {'identity': {'methods': ['token'], 'token': {'id': t}},
                                  'scope': project_scope(second)}})[0]
    root, _ = ks.issue(password_auth(env['user'], env['user_domain'], env['password'], by_name))
    child = rescope(root)
    ks.call('DELETE', '/v3/auth/tokens', child, headers={'X-Subject-Token': child}, expect=204)
    check((valid(child), valid(root)) == (404, 200),
          'keystone: revoking a rescoped token leaves the token it came from valid')
    child = rescope(root)
    ks.call('DELETE', '/v3/auth/tokens', root, headers={'X-Subject-Token': root}, expect=204)
    check((valid(root), valid(child)) == (404, 404),
          'keystone: revoking a token also revokes the tokens rescoped from it')
    return second_token


def smoke_cors(env, cloud, rec):
    """A page on another origin calling the three APIs directly: the browser's preflight
    (OPTIONS with Origin and Access-Control-Request-*), then the request with Origin. Only
    with CINDER_CORS_ORIGIN (env.json cors_origin); without it, no Access-Control-* at all."""
    check = rec.check
    origins = [o.strip() for o in (env.get('cors_origin') or '').split(',') if o.strip()]
    body = password_auth(env['user'], env['user_domain'], env['password'],
                         project_scope(env['project_id']))
    # service, method, url, the headers the page sends (beyond the safelisted), body,
    # the headers the page must be able to read.
    targets = (
        ('keystone', 'POST', env['keystone'] + '/v3/auth/tokens', ['content-type'], body,
         ['x-subject-token', 'x-openstack-request-id']),
        ('cinder', 'GET', cloud.v3('/volumes/%s' % env['available']),
         ['x-auth-token', 'openstack-api-version'], None,
         ['x-openstack-request-id', 'openstack-api-version']),
        ('cinder', 'POST', cloud.v3('/volumes/%s/action' % env['available']),
         ['content-type', 'x-auth-token', 'openstack-api-version'], None, None),
        ('glance', 'GET', '%s/v2/images?limit=1' % cloud.glance, ['x-auth-token'], None,
         ['x-openstack-request-id']),
    )

    def preflight(origin, method, url, wanted):
        return call('OPTIONS', url, None, headers={
            'Origin': origin, 'Access-Control-Request-Method': method,
            'Access-Control-Request-Headers': ','.join(wanted), 'Accept': None})

    def listed(r, name):
        return {h.strip().lower() for h in (r.header(name) or '').split(',') if h.strip()}

    if not origins:
        for service, method, url, wanted, _, _ in targets:
            r = preflight('http://127.0.0.1:8080', method, url, wanted)
            check(not any(k.lower().startswith('access-control-') for k, _ in r.headers),
                  'no CORS configured: %s answers a preflight without Access-Control-*'
                  % service)
        return
    origin = origins[0]
    for service, method, url, wanted, req_body, readable in targets:
        r = preflight(origin, method, url, wanted)
        check(r.status == 200 and r.header('Access-Control-Allow-Origin') == origin
              and method.lower() in listed(r, 'Access-Control-Allow-Methods')
              and set(wanted) <= listed(r, 'Access-Control-Allow-Headers'),
              'CORS: %s preflight %s %s -> %d, allow origin %s, methods %s, headers %s'
              % (service, method, url.split('/', 3)[-1][:40], r.status,
                 r.header('Access-Control-Allow-Origin'),
                 r.header('Access-Control-Allow-Methods'),
                 r.header('Access-Control-Allow-Headers')))
        r = preflight('http://stranger.example', method, url, wanted)
        check(r.header('Access-Control-Allow-Origin') is None,
              'CORS: %s gives another origin no Access-Control-Allow-Origin' % service)
        if readable is None:
            continue
        headers = {'Origin': origin}
        if 'openstack-api-version' in wanted:
            headers['OpenStack-API-Version'] = 'volume 3.1'
        token = None if service == 'keystone' else cloud.token
        r = call(method, url, token, req_body, headers)
        check(r.status in (200, 201) and r.header('Access-Control-Allow-Origin') == origin
              and set(readable) <= listed(r, 'Access-Control-Expose-Headers')
              and all(r.header(h) for h in readable),
              'CORS: %s %s with Origin -> %d, allow origin %s, exposes %s'
              % (service, method, r.status, r.header('Access-Control-Allow-Origin'),
                 r.header('Access-Control-Expose-Headers')))
    # A refusal must be readable too (the page then asks to sign in again): keystonemiddleware
    # answers 401 below the CORS filter, so the 401 carries the headers.
    wrong = password_auth(env['user'], env['user_domain'], 'wrong',
                          project_scope(env['project_id']))
    for service, method, url, token, req_body in (
            ('keystone', 'POST', env['keystone'] + '/v3/auth/tokens', None, wrong),
            ('cinder', 'GET', cloud.v3('/volumes/detail'), 'not-a-token', None),
            ('glance', 'GET', '%s/v2/images' % cloud.glance, 'not-a-token', None)):
        r = call(method, url, token, req_body, {'Origin': origin})
        check(r.status == 401 and r.header('Access-Control-Allow-Origin') == origin,
              'CORS: %s\'s 401 with Origin carries Access-Control-Allow-Origin: %d %s'
              % (service, r.status, r.header('Access-Control-Allow-Origin')))


def report(rec):
    print('%d passed, %d failed' % (rec.passed, len(rec.failures)))
    if rec.failures:
        sys.exit(1)


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest='cmd', required=True)
    s = sub.add_parser('setup')
    s.add_argument('--run-dir', required=True)
    s.add_argument('--keystone', required=True)
    s.add_argument('--cinder', required=True)
    s.add_argument('--glance', required=True)
    s.add_argument('--admin-password', required=True)
    s.add_argument('--service-password', required=True)
    s.add_argument('--force-upload', default='true')
    s.add_argument('--cors-origin', default='')
    m = sub.add_parser('smoke')
    m.add_argument('--run-dir', required=True)
    m.add_argument('--record', help='write recordings here (default RUN_DIR/recorded)')
    args = p.parse_args()
    {'setup': setup, 'smoke': smoke}[args.cmd](args)


if __name__ == '__main__':
    main()
