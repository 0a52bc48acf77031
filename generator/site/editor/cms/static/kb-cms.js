// Starts Decap CMS with the configuration kb cms generated from the record types, and after
// every save shows what kb check found, located at file:line:column, in Swedish.
(() => {
  "use strict";
  const read = (id) => JSON.parse(document.getElementById(id).textContent);
  const config = read("kb-cms-config");
  const text = read("kb-cms-text");
  const checkUrl = document.body.dataset.checkUrl;

  function element(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
    node.append(...children);  // strings become text nodes: record text never becomes HTML
    return node;
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
  }

  function panel() {
    let box = document.getElementById("kb-check");
    if (!box) {
      box = element("section", {id: "kb-check", class: "kb-check", "aria-labelledby": "kb-check-heading"});
      document.body.append(box);
    }
    return box;
  }

  function show(...children) {
    const close = element("button", {type: "button", class: "kb-check__close"}, text.close);
    close.addEventListener("click", () => panel().remove());
    const status = element("div", {role: "status"}, ...children);
    panel().replaceChildren(element("h2", {id: "kb-check-heading"}, text.check_heading), status, close);
  }

  function report(result, savedPath) {
    const problems = [...result.problems].sort(
      (a, b) => (b.path === savedPath) - (a.path === savedPath));
    const summary = result.errors
      ? format(text.check_failed, result)
      : result.warnings ? format(text.check_warnings, result) : format(text.check_ok, result);
    const list = element("ul", {class: "kb-check__problems"},
      ...problems.map((p) => element("li", {class: `kb-check__${p.severity}`}, p.text)));
    const all = element("a", {href: checkUrl.replace(/\.json$/, "/"), target: "_blank"}, text.check_page);
    show(element("p", {}, summary), ...(problems.length ? [list, all] : []));
  }

  async function check(savedPath) {
    show(element("p", {}, text.check_running));
    try {
      const response = await fetch(checkUrl, {cache: "no-store"});
      if (!response.ok) throw new Error(String(response.status));
      report(await response.json(), savedPath);
    } catch (error) {
      show(element("p", {}, text.check_unreachable));
    }
  }

  function merged(base, extra) {
    const out = {...base};
    Object.entries(extra).forEach(([key, value]) => {
      out[key] = typeof value === "object" ? merged(base[key] || {}, value) : value;
    });
    return out;
  }

  // Each reference field gets the records (and parts) of its list as choices; a list with
  // nothing in it leaves a text field, where the reference can still be written.
  function fillChoices(fields, lists) {
    (fields || []).forEach((field) => {
      if (field.kb_targets) {
        const options = (lists[field.kb_targets] || []).map((e) => ({label: e.label, value: e.ref}));
        delete field.kb_targets;
        if (options.length) field.options = options;
        else { field.widget = "string"; delete field.options; delete field.multiple; }
      }
      fillChoices(field.fields, lists);
      if (field.field) fillChoices([field.field], lists);
    });
  }

  // A fact's source is one of the record's own sources: the choices are read from the form
  // as it is whenever the field is focused or pressed, so a source just added or renamed is
  // offered. A key that is not among them (written by hand, or a source since renamed) stays
  // chosen and is marked as missing; kb check reports it after the save.
  function sourceWidget(works) {
    const h = window.h;
    return window.createClass({
      getInitialState() { return {keys: this.keys()}; },
      keys() {
        const sources = this.props.getEntry().getIn(["data", "sources"]);
        return (sources ? sources.toJS() : []).filter((s) => s && s.id).map((s) => ({
          value: s.id,
          label: [s.id, s.title || works[s.ref] || s.ref, s.note].filter(Boolean).join(" – "),
        }));
      },
      refresh() { this.setState({keys: this.keys()}); },
      render() {
        const value = this.props.value || "";
        const keys = this.state.keys;
        const options = [{value: "", label: keys.length ? text.source_choose : text.source_none}, ...keys];
        if (value && !keys.some((k) => k.value === value)) {
          options.push({value, label: format(text.source_missing, {key: value})});
        }
        return h("select", {
          id: this.props.forID,
          className: this.props.classNameWrapper,
          value,
          onFocus: this.refresh,
          onMouseDown: this.refresh,
          onChange: (event) => this.props.onChange(event.target.value),
        }, ...options.map((o) => h("option", {key: o.value, value: o.value}, o.label)));
      },
    });
  }

  async function start() {
    // Decap's Swedish texts, completed where they still fall back to English.
    window.CMS.registerLocale("sv", merged(window.CMS.getLocale("sv"), text.decap));
    const response = await fetch("val.json", {cache: "no-store"});
    const lists = await response.json();
    config.collections.forEach((collection) => fillChoices(collection.fields, lists));
    const works = Object.fromEntries((lists.reference || []).map((e) => [e.ref, e.label]));
    window.CMS.registerWidget("kb-source", sourceWidget(works));
    window.CMS.init({config});
    if (checkUrl) {
      window.CMS.registerEventListener({
        name: "postSave",
        handler: ({entry}) => { check(entry.get("path")); },
      });
    }
  }

  window.CMS_MANUAL_INIT = true;
  const decap = element("script", {src: "decap-cms.js"});
  decap.addEventListener("load", start);
  document.head.append(decap);
})();
