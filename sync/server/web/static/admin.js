// The county admin's pages: a button that prints the page (the enrolment letter), and the
// upload forms of 数据导入, sent with their CSRF token in the X-CSRFToken header (the CSRF
// guard cannot read a token inside a multipart body); the answer's <main> replaces this one.
function bindPrint(root) {
  for (const button of root.querySelectorAll("[data-print]")) {
    button.addEventListener("click", () => window.print());
  }
}

function say(form, words) {
  let line = form.parentElement.querySelector("p.problem");
  if (line === null) {
    line = document.createElement("p");
    line.className = "problem";
    line.setAttribute("role", "alert");
    form.before(line);
  }
  line.textContent = words;
}

function bindUploads(root) {
  for (const form of root.querySelectorAll("form[data-upload]")) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = form.querySelector("button[type=submit]");
      button.disabled = true;
      button.textContent = "正在导入……";
      const body = new FormData(form);
      let answered = null;
      let status = 0;
      try {
        const answer = await fetch(form.action, {
          method: "POST",
          body,
          headers: { "X-CSRFToken": body.get("csrftoken") },
          credentials: "same-origin",
        });
        status = answer.status;
        const html = await answer.text();
        answered = new DOMParser().parseFromString(html, "text/html").querySelector("main");
      } catch (error) {
        answered = null;
      }
      if (answered === null) {
        button.disabled = false;
        button.textContent = "再试一次";
        say(form, status === 413
          ? "文件太大（超过 8 MB），什么也没有导入。请把它按乡镇分成几个文件，分别导入。"
          : "县级中心这次没能回答，什么也没有导入。请稍后再试一次。");
        return;
      }
      const main = document.querySelector("main");
      main.replaceChildren(...answered.childNodes);
      bindUploads(main);
      window.scrollTo(0, 0);
    });
  }
}

function bindAll() {
  bindPrint(document);
  bindUploads(document);
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", bindAll);
} else {
  bindAll();
}
