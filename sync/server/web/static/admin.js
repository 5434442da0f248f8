// The county admin's pages: a button that prints the page (the enrolment letter), and the
// upload forms of 数据导入, sent with their CSRF token in the X-CSRFToken header (the CSRF
// guard cannot read a token inside a multipart body); the answer's <main> replaces this one.
function bindPrint(root) {
  for (const button of root.querySelectorAll("[data-print]")) {
    button.addEventListener("click", () => window.print());
  }
}

function bindUploads(root) {
  for (const form of root.querySelectorAll("form[data-upload]")) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = form.querySelector("button[type=submit]");
      button.disabled = true;
      button.textContent = "正在导入……";
      const body = new FormData(form);
      let html;
      try {
        const answer = await fetch(form.action, {
          method: "POST",
          body,
          headers: { "X-CSRFToken": body.get("csrftoken") },
          credentials: "same-origin",
        });
        html = await answer.text();
      } catch (error) {
        button.disabled = false;
        button.textContent = "再试一次";
        return;
      }
      const answered = new DOMParser().parseFromString(html, "text/html");
      const main = document.querySelector("main");
      main.replaceChildren(...answered.querySelector("main").childNodes);
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
