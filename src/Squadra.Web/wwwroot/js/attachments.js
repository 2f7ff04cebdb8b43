// A composer's files (ComposerAttachments): chosen with the file button, dropped on the chat, or pasted. The browser's
// File objects stay here, keyed by an id; .NET sees their names, sizes and types, and asks for each upload. Uploads go by
// XMLHttpRequest because fetch (and so HttpClient in WebAssembly) reports no upload progress.

const files = new Map();
const requests = new Map();
let lastId = 0;

/** Wires one composer: its hidden file input, the drop zone around it ([data-drop-zone]) and its text box (paste). */
export function attach(input, component) {
  const zone = input.closest('[data-drop-zone]');
  const textarea = input.form?.querySelector('textarea');
  let depth = 0;

  const offer = list => {
    const chosen = [...list].map(file => {
      const id = `file-${++lastId}`;
      files.set(id, file);
      return { id, name: file.name || 'pasted file', size: file.size, contentType: file.type || 'application/octet-stream' };
    });
    if (chosen.length > 0) {
      component.invokeMethodAsync('FilesChosen', chosen);
    }
  };
  const carriesFiles = event => [...(event.dataTransfer?.types ?? [])].includes('Files');
  const dragging = on => {
    if (on) {
      zone.dataset.dragging = 'true';
    } else {
      delete zone.dataset.dragging;
    }
  };

  const onChange = () => {
    offer(input.files);
    input.value = '';
  };
  // dragenter and dragleave come for every child the pointer crosses: the zone is left when they balance out.
  const onDragEnter = event => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth++;
    dragging(true);
  };
  const onDragOver = event => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  };
  const onDragLeave = event => {
    if (!carriesFiles(event)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) dragging(false);
  };
  const onDrop = event => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth = 0;
    dragging(false);
    offer(event.dataTransfer.files);
  };
  // A file dropped beside the zone would make the browser open it in place of the app: such a drop does nothing.
  const onMissedDrop = event => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    if (!event.target.closest?.('[data-drop-zone]')) event.dataTransfer.dropEffect = 'none';
  };
  // Text pastes as text; only a paste that carries files (a screenshot, files copied in a file manager) attaches them.
  const onPaste = event => {
    const pasted = event.clipboardData?.files;
    if (pasted && pasted.length > 0) {
      event.preventDefault();
      offer(pasted);
    }
  };

  input.addEventListener('change', onChange);
  zone?.addEventListener('dragenter', onDragEnter);
  zone?.addEventListener('dragover', onDragOver);
  zone?.addEventListener('dragleave', onDragLeave);
  zone?.addEventListener('drop', onDrop);
  textarea?.addEventListener('paste', onPaste);
  window.addEventListener('dragover', onMissedDrop);
  window.addEventListener('drop', onMissedDrop);
  return {
    dispose: () => {
      input.removeEventListener('change', onChange);
      zone?.removeEventListener('dragenter', onDragEnter);
      zone?.removeEventListener('dragover', onDragOver);
      zone?.removeEventListener('dragleave', onDragLeave);
      zone?.removeEventListener('drop', onDrop);
      textarea?.removeEventListener('paste', onPaste);
      window.removeEventListener('dragover', onMissedDrop);
      window.removeEventListener('drop', onMissedDrop);
      if (zone) dragging(false);
    },
  };
}

/** Opens the browser's file chooser (the visible button is ours; the input stays hidden). */
export function choose(input) {
  input.click();
}

/**
 * Uploads one kept file (multipart, field "file") with the bearer token as a header, never in the address; reports
 * progress in whole percents to the component. Resolves with the status (0: no answer) and the answer's text.
 */
export function upload(id, url, token, component) {
  const file = files.get(id);
  if (!file) {
    return Promise.resolve({ status: 0, body: '' });
  }
  return new Promise(resolve => {
    const request = new XMLHttpRequest();
    requests.set(id, request);
    let lastPercent = -1;
    request.upload.onprogress = event => {
      if (!event.lengthComputable) return;
      const percent = Math.floor((event.loaded / event.total) * 100);
      if (percent !== lastPercent) {
        lastPercent = percent;
        component.invokeMethodAsync('UploadProgress', id, percent);
      }
    };
    const done = status => () => {
      requests.delete(id);
      resolve({ status, body: status === 0 ? '' : request.responseText });
    };
    request.onload = () => done(request.status)();
    request.onerror = done(0);
    request.onabort = done(0);
    request.ontimeout = done(0);
    request.open('POST', url);
    if (token) {
      request.setRequestHeader('Authorization', `Bearer ${token}`);
    }
    const form = new FormData();
    form.append('file', file, file.name || 'pasted file');
    request.send(form);
  });
}

/** Stops an upload, if one runs, and lets the file go (removed from the composer, or sent). */
export function forget(id) {
  requests.get(id)?.abort();
  requests.delete(id);
  files.delete(id);
}

/** Downloads a file as a click on its link would (AttachmentCard, once it renewed an expired address). */
export function download(url, name) {
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
}
