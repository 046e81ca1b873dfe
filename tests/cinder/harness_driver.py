"""A volume driver for the loopback test harness: cinder's own fake driver, with real bytes.

cinder.tests.fake_driver.FakeLoggingVolumeDriver logs every call instead of touching LVM, but
its copy_volume_to_image reads /dev/mapper/cinder--volumes-volume--<id>, which does not exist
here. This subclass gives every volume a small file under $state_path/harness-volumes and
uploads that file through cinder's real upload path (volume_utils.upload_volume ->
image_utils.upload_volume -> Glance PUT /v2/images/{id}/file), converting with qemu-img for
non-raw disk formats, without root (run_as_root=False). Declared sizes stay as requested;
only the bytes on disk are small, so an export takes well under a second.

A slow backend, for the tests that cancel an export while it runs: a volume whose metadata
has harness_upload_seconds=N waits N seconds before its upload, checking every 0.2 s that
the image still exists. Deleting the image meanwhile fails the upload as it fails on a real
backend (the image service no longer has the image): Cinder records its user message and
gives the volume its status back.
"""

import os
import time

from oslo_config import cfg
from oslo_log import log as logging

from cinder.tests import fake_driver
from cinder.volume import volume_utils

CONF = cfg.CONF
LOG = logging.getLogger(__name__)

# 1 MiB of content per volume: enough for qemu-img to convert, small enough to be instant.
CONTENT_BYTES = 1024 * 1024


class HarnessVolumeDriver(fake_driver.FakeLoggingVolumeDriver):
    """FakeLoggingVolumeDriver whose volumes are small local files."""

    def _dir(self):
        path = os.path.join(CONF.state_path, 'harness-volumes')
        os.makedirs(path, exist_ok=True)
        return path

    def local_path(self, volume, vg=None):
        return os.path.join(self._dir(), volume['name'])

    def _ensure_file(self, volume):
        path = self.local_path(volume)
        if not os.path.exists(path):
            header = ('cinder harness volume %s\n' % volume['id']).encode()
            with open(path, 'wb') as f:
                f.write(header)
                f.write(b'\0' * (CONTENT_BYTES - len(header)))
        return path

    def create_volume(self, volume):
        update = super().create_volume(volume)
        self._ensure_file(volume)
        return update

    def delete_volume(self, volume):
        try:
            os.unlink(self.local_path(volume))
        except FileNotFoundError:
            pass

    def copy_volume_to_image(self, context, volume, image_service,
                             image_meta):
        path = self._ensure_file(volume)
        metadata = volume.get('metadata') or {}
        try:
            delay = float(metadata.get('harness_upload_seconds') or 0)
        except ValueError:
            delay = 0.0
        deadline = time.time() + min(delay, 300.0)
        while time.time() < deadline:
            # Raises ImageNotFound once the image is deleted: the upload then fails.
            image_service.show(context, image_meta['id'])
            time.sleep(0.2)
        LOG.info('harness: uploading %s (%s) to image %s as %s/%s',
                 volume['id'], path, image_meta['id'],
                 image_meta.get('disk_format'),
                 image_meta.get('container_format'))
        volume_utils.upload_volume(context, image_service, image_meta, path,
                                   volume, run_as_root=False)
