// Passkey sign-in on the hosted UI's passkey page (hosted_ui/passkeys.py): fetch the request options for
// the username, ask the browser for the passkey, post the assertion with the form's fields, and follow the
// redirect the answer names.
"use strict";
(function () {
  const form = document.getElementById("passkey-form");
  if (!form) {
    return;
  }
  const errorBox = document.getElementById("passkey-error");
  const button = document.getElementById("passkey-button");

  function show(message) {
    errorBox.textContent = message;
    errorBox.hidden = false;
  }

  function fromBase64url(text) {
    const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function toBase64url(buffer) {
    const bytes = new Uint8Array(buffer);
    let binary = "";
    for (let i = 0; i < bytes.length; i += 1) {
      binary += String.fromCharCode(bytes[i]);
    }
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function requestOptions(json) {
    return {
      challenge: fromBase64url(json.challenge),
      rpId: json.rpId,
      timeout: json.timeout,
      userVerification: json.userVerification,
      allowCredentials: (json.allowCredentials || []).map(function (descriptor) {
        return { type: descriptor.type, id: fromBase64url(descriptor.id), transports: descriptor.transports };
      }),
    };
  }

  function assertionJSON(credential) {
    const response = credential.response;
    const out = {
      id: credential.id,
      rawId: toBase64url(credential.rawId),
      type: credential.type,
      response: {
        clientDataJSON: toBase64url(response.clientDataJSON),
        authenticatorData: toBase64url(response.authenticatorData),
        signature: toBase64url(response.signature),
      },
      clientExtensionResults: credential.getClientExtensionResults(),
    };
    if (response.userHandle) {
      out.response.userHandle = toBase64url(response.userHandle);
    }
    if (credential.authenticatorAttachment) {
      out.authenticatorAttachment = credential.authenticatorAttachment;
    }
    return out;
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    errorBox.hidden = true;
    if (!window.PublicKeyCredential || !navigator.credentials) {
      show("This browser does not support passkeys.");
      return;
    }
    button.disabled = true;
    try {
      const answer = await fetch(form.dataset.options, {
        method: "POST",
        credentials: "same-origin",
        body: new URLSearchParams(new FormData(form)),
      });
      const data = await answer.json();
      if (!answer.ok || !data.options) {
        show(data.error || "Passkey sign-in failed.");
        return;
      }
      const credential = await navigator.credentials.get({ publicKey: requestOptions(data.options) });
      form.elements.namedItem("state").value = data.state;
      form.elements.namedItem("credential").value = JSON.stringify(assertionJSON(credential));
      const signedIn = await fetch(form.action, {
        method: "POST",
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        body: new URLSearchParams(new FormData(form)),
      });
      const result = await signedIn.json();
      if (!signedIn.ok || !result.location) {
        form.elements.namedItem("credential").value = "";
        show(result.error || "Passkey sign-in failed.");
        return;
      }
      window.location.assign(result.location);
    } catch (error) {
      if (error && error.name === "NotAllowedError") {
        show("The passkey request was cancelled or timed out.");
      } else if (error && error.name === "SecurityError") {
        show("This page's address is not one the user pool's passkeys belong to (its relying party ID).");
      } else {
        show("Passkey sign-in failed.");
      }
    } finally {
      button.disabled = false;
    }
  });
})();
