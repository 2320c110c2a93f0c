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
