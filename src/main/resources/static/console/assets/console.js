// Vaani console: the live parts. Pages work without this script; it adds server-sent updates and drag-and-drop.
(function () {
  'use strict';

  function onCallActivity(handler) {
    var source = new EventSource('/console/events');
    ['started', 'ended'].forEach(function (name) {
      source.addEventListener(name, function (e) { handler(name, JSON.parse(e.data)); });
    });
    return source;
  }

  // A background request answered by the sign-in page: the session ended, so the page reloads into it.
  function signedIn(r) {
    if (r.redirected && new URL(r.url).pathname === '/login') {
      location.reload();
      return false;
    }
    return r.ok;
  }

  function refreshLive() {
    fetch('/console/live', {credentials: 'same-origin'}).then(function (r) {
      return signedIn(r) ? r.text() : null;
    }).then(function (html) {
      var live = document.getElementById('live');
      if (html && live) {
        live.outerHTML = html;
      }
    });
  }

  function watchHome() {
    var source = onCallActivity(function () { refreshLive(); });
    // A call that started between the page's rendering and this connection shows up too.
    source.addEventListener('hello', refreshLive);
  }

  // Sizes each segment of the progress bar from the legend's counts. The server cannot: the Content-Security-Policy
  // blocks inline style attributes, and a script setting a width through the DOM is what the policy still allows.
  // The first drawing is instant; later ones animate, so a refresh shows the change.
  function drawBar(progress) {
    var bar = progress.querySelector('.bar');
    function count(key) {
      var cell = progress.querySelector('[data-count="' + key + '"]');
      return cell ? (parseInt(cell.textContent, 10) || 0) : 0;
    }
    var leads = count('leads');
    bar.querySelectorAll('[data-share-of]').forEach(function (seg) {
      seg.style.width = (leads === 0 ? 0 : count(seg.getAttribute('data-share-of')) * 100 / leads) + '%';
    });
    void bar.offsetWidth; // lays the widths out before transitions are switched on
    bar.classList.add('drawn');
  }

  function watchCampaign(body) {
    var id = body.getAttribute('data-campaign');
    var progress = document.getElementById('progress');
    function refresh() {
      fetch('/console/campaigns/' + id + '/progress', {credentials: 'same-origin'}).then(function (r) {
        return signedIn(r) ? r.json() : null;
      }).then(function (p) {
        if (!p) { return; }
        Object.keys(p).forEach(function (key) {
          var cell = progress.querySelector('[data-count="' + key + '"]');
          if (cell) { cell.textContent = p[key]; }
        });
        drawBar(progress);
        progress.querySelector('.bar').setAttribute('aria-label', p.done + ' of ' + p.leads + ' leads done');
      });
    }
    drawBar(progress);
    onCallActivity(function (name, data) {
      if (data.campaignId === id) { refresh(); }
    });
    // The dialer moves leads from queued to dialing between calls; a slow refresh shows that too.
    setInterval(refresh, 10000);
  }

  function watchCall(body) {
    var sid = body.getAttribute('data-call');
    var list = document.getElementById('transcript');
    var shown = parseInt(list.getAttribute('data-count'), 10) || 0;
    var source = new EventSource('/calls/' + encodeURIComponent(sid) + '/events?after=' + shown);
    source.addEventListener('hello', function (e) {
      if (!JSON.parse(e.data).live) { source.close(); location.reload(); }
    });
    source.addEventListener('line', function (e) {
      var line = JSON.parse(e.data);
      if (line.index < shown) { return; }
      shown = line.index + 1;
      var waiting = document.getElementById('waiting');
      if (waiting) { waiting.remove(); }
      var item = document.createElement('li');
      item.className = (line.speaker === 'ai' ? 'bot' : 'caller') + (line.interrupted ? ' interrupted' : '') + ' new';
      var who = document.createElement('span');
      who.className = 'who';
      who.textContent = line.speaker === 'ai' ? 'Agent' : 'Lead';
      var text = document.createElement('span');
      text.className = 'text';
      text.textContent = line.text;
      item.appendChild(who);
      item.appendChild(text);
      if (line.interrupted) {
        var cut = document.createElement('span');
        cut.className = 'cut';
        cut.textContent = 'interrupted — the lead spoke over the agent here';
        item.appendChild(cut);
      }
      list.appendChild(item);
      list.setAttribute('data-count', shown);
    });
    source.addEventListener('ended', function () {
      source.close();
      location.reload(); // the stored call now has its outcome and collected data
    });
  }

  function dropzones() {
    document.querySelectorAll('[data-dropzone]').forEach(function (form) {
      var input = form.querySelector('input[type=file]');
      ['dragenter', 'dragover'].forEach(function (name) {
        form.addEventListener(name, function (e) { e.preventDefault(); form.classList.add('over'); });
      });
      ['dragleave', 'drop'].forEach(function (name) {
        form.addEventListener(name, function () { form.classList.remove('over'); });
      });
      form.addEventListener('drop', function (e) {
        e.preventDefault();
        if (e.dataTransfer && e.dataTransfer.files.length) {
          input.files = e.dataTransfer.files;
          submitUnlessTooLarge(form, input);
        }
      });
      input.addEventListener('change', function () { if (input.files.length) { submitUnlessTooLarge(form, input); } });
      form.addEventListener('submit', function (e) { if (tooLarge(form, input)) { e.preventDefault(); } });
    });
  }

  function submitUnlessTooLarge(form, input) {
    if (!tooLarge(form, input)) {
      form.submit();
    }
  }

  // A file over the import limit is refused here, before minutes of uploading end in the server's refusal
  function tooLarge(form, input) {
    var max = Number(form.getAttribute('data-max-bytes'));
    var file = input.files[0];
    if (!max || !file || file.size <= max) {
      return false;
    }
    var box = document.getElementById('import-error');
    if (!box) {
      box = document.createElement('p');
      box.id = 'import-error';
      box.className = 'error-box';
      box.setAttribute('role', 'alert');
      form.parentNode.insertBefore(box, form);
    }
    box.textContent = form.getAttribute('data-too-large');
    input.value = '';
    return true;
  }

  // Mirrors CampaignScript.inLanguage: a line still as one of the default scripts wrote it (in any language) becomes
  // the chosen language's default; a line the operator wrote is theirs and stays.
  function swapDefaultLines(form) {
    var defaults = JSON.parse(form.getAttribute('data-script-defaults'));
    var languages = Object.keys(defaults);
    function isDefault(value, lineOf) {
      var written = value.trim();
      return languages.some(function (code) { return lineOf(defaults[code]) === written; });
    }
    function isDefaultQuestion(value) {
      return languages.some(function (code) {
        var questions = defaults[code].questions;
        return Object.keys(questions).some(function (key) { return questions[key] === value.trim(); });
      });
    }
    form.querySelector('#language').addEventListener('change', function (e) {
      var chosen = defaults[e.target.value];
      if (!chosen) { return; }
      ['greeting', 'purpose'].forEach(function (name) {
        var field = form.querySelector('#' + name);
        if (isDefault(field.value, function (script) { return script[name]; })) { field.value = chosen[name]; }
      });
      form.querySelectorAll('input[id$=".question"]').forEach(function (field) {
        var key = form.querySelector('[id="' + field.id.replace(/\.question$/, '.key') + '"]');
        var line = key && chosen.questions[key.value.trim()];
        if (line && isDefaultQuestion(field.value)) { field.value = line; }
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var body = document.body;
    var watch = body.getAttribute('data-watch');
    if (watch === 'home') { watchHome(); }
    if (watch === 'campaign') { watchCampaign(body); }
    if (watch === 'call') { watchCall(body); }
    dropzones();
    var campaignForm = document.getElementById('campaign-form');
    if (campaignForm) { swapDefaultLines(campaignForm); }
  });
})();
