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
