// Click-to-load embeds: nothing is requested from the video's site until the reader asks for it.
document.addEventListener('click', function (event) {
  var link = event.target.closest && event.target.closest('.embed-load');
  if (!link) return;
  var figure = link.closest('.embed');
  var src = figure && figure.getAttribute('data-embed-src');
  if (!src) return; // no embeddable player: follow the link to the original
  event.preventDefault();
  var frame = document.createElement('iframe');
  frame.src = src;
  frame.title = link.textContent;
  frame.allow = 'autoplay; fullscreen; picture-in-picture';
  frame.setAttribute('allowfullscreen', '');
  frame.referrerPolicy = 'no-referrer';
  figure.querySelector('.embed-placeholder').replaceWith(frame);
});

// The checkout guard: while checkouts surge, Continue first solves the server's small puzzle (a
// SHA-256 with enough leading zero bits), here in the reader's browser; nothing leaves for anyone else.
document.addEventListener('submit', function (event) {
  var form = event.target;
  var bits = parseInt(form.getAttribute('data-work-bits'), 10);
  var answer = form.querySelector('input[name=answer]');
  var challenge = form.querySelector('input[name=challenge]');
  if (!bits || !answer || !challenge || answer.value || !window.crypto || !crypto.subtle) return;
  event.preventDefault();
  var button = form.querySelector('button[type=submit]');
  if (button) button.disabled = true;
  var encoder = new TextEncoder();
  var zeroBits = function (bytes) {
    var count = 0;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) { count += 8; continue; }
      return count + Math.clz32(bytes[i]) - 24;
    }
    return count;
  };
  (async function () {
    for (var n = 0; ; n++) {
      var hash = await crypto.subtle.digest('SHA-256', encoder.encode(challenge.value + ':' + n));
      if (zeroBits(new Uint8Array(hash)) >= bits) {
        answer.value = String(n);
        form.submit();
        return;
      }
    }
  })();
});
