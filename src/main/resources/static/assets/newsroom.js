// Live Markdown preview in the article editor; without script the Preview button does the same.
(function () {
  var form = document.querySelector('form.editor');
  if (!form) return;
  var body = form.querySelector('#body');
  var preview = document.getElementById('preview');
  var token = form.querySelector('input[name="_csrf"]');
  var timer;
  function refresh() {
    var data = new URLSearchParams();
    data.set('body', body.value);
    if (token) data.set('_csrf', token.value);
    fetch(form.getAttribute('data-preview'), { method: 'POST', body: data, credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { if (html !== null) preview.innerHTML = html; });
  }
  body.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
  if (body.value) refresh();
})();

// Passkeys (WebAuthn) through Spring Security's endpoints: sign in, confirm, and register one.
// Without script or without WebAuthn in the browser, the buttons stay hidden and codes do the job.
(function () {
  if (!window.PublicKeyCredential || !window.fetch) return;
  document.querySelectorAll('.passkey').forEach(function (el) { el.hidden = false; });

  function bytes(base64url) {
    var base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
    var binary = atob(base64 + '==='.slice((base64.length + 3) % 4));
    var out = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out.buffer;
  }
  function text(buffer) {
    var binary = '';
    new Uint8Array(buffer).forEach(function (b) { binary += String.fromCharCode(b); });
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function post(url, body) {
    var token = document.querySelector('input[name="_csrf"]');
    var headers = { 'Content-Type': 'application/json' };
    if (token) headers['X-CSRF-TOKEN'] = token.value;
    return fetch(url, { method: 'POST', headers: headers, credentials: 'same-origin', body: body ? JSON.stringify(body) : null })
      .then(function (response) {
        if (!response.ok) throw new Error(url + ' answered ' + response.status);
        return response.json();
      });
  }
  function failed(error) {
    if (window.console) console.warn(error);
    document.querySelectorAll('[data-passkey-failed]').forEach(function (el) {
      el.hidden = false;
      el.setAttribute('data-reason', String(error && error.message || error));
    });
  }
  function descriptors(list) {
    return (list || []).map(function (c) { return { type: c.type, id: bytes(c.id), transports: c.transports }; });
  }

  document.querySelectorAll('[data-passkey-sign-in]').forEach(function (button) {
    button.addEventListener('click', function () {
      var next = button.getAttribute('data-passkey-sign-in') || '/newsroom';
      post('/webauthn/authenticate/options').then(function (options) {
        options.challenge = bytes(options.challenge);
        options.allowCredentials = descriptors(options.allowCredentials);
        return navigator.credentials.get({ publicKey: options });
      }).then(function (credential) {
        return post('/login/webauthn', {
          id: credential.id,
          rawId: text(credential.rawId),
          type: credential.type,
          authenticatorAttachment: credential.authenticatorAttachment,
          clientExtensionResults: credential.getClientExtensionResults(),
          response: {
            authenticatorData: text(credential.response.authenticatorData),
            clientDataJSON: text(credential.response.clientDataJSON),
            signature: text(credential.response.signature),
            userHandle: credential.response.userHandle ? text(credential.response.userHandle) : null
          }
        });
      }).then(function (result) {
        if (!result.authenticated) throw new Error('not signed in');
        window.location.href = next.indexOf('/newsroom') === 0 ? next : '/newsroom';
      }).catch(failed);
    });
  });

  document.querySelectorAll('[data-passkey-register]').forEach(function (button) {
    button.addEventListener('click', function () {
      post('/webauthn/register/options').then(function (options) {
        options.challenge = bytes(options.challenge);
        options.user.id = bytes(options.user.id);
        options.excludeCredentials = descriptors(options.excludeCredentials);
        return navigator.credentials.create({ publicKey: options });
      }).then(function (credential) {
        return post('/webauthn/register', {
          publicKey: {
            label: button.getAttribute('data-passkey-register') + ' ' + new Date().toISOString().slice(0, 10),
            credential: {
              id: credential.id,
              rawId: text(credential.rawId),
              type: credential.type,
              authenticatorAttachment: credential.authenticatorAttachment,
              clientExtensionResults: credential.getClientExtensionResults(),
              response: {
                attestationObject: text(credential.response.attestationObject),
                clientDataJSON: text(credential.response.clientDataJSON),
                transports: credential.response.getTransports ? credential.response.getTransports() : []
              }
            }
          }
        });
      }).then(function (result) {
        if (!result.success) throw new Error('not registered');
        window.location.href = '/newsroom/second-factor/passkey';
      }).catch(failed);
    });
  });
})();
