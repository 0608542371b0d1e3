// The hosted UI's passkey pages (hosted_ui/passkeys.py). Sign-in (#passkey-form): fetch the request options
// for the username, ask the browser for the passkey, post the assertion with the form's fields and follow
// the redirect the answer names. Adding a passkey (#passkey-add-form): fetch the creation options, ask the
// browser to create the passkey, post it and return to the app. Its own messages come from the error box's
// data attributes (_passkey_messages.html), in the page's language.
"use strict";
(function () {
  const errorBox = document.getElementById("passkey-error");

  function said(name, english) {
    return errorBox.dataset[name] || english;
  }

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

  function descriptors(list) {
    return (list || []).map(function (descriptor) {
      return { type: descriptor.type, id: fromBase64url(descriptor.id), transports: descriptor.transports };
    });
  }

  function requestOptions(json) {
    return {
      challenge: fromBase64url(json.challenge),
      rpId: json.rpId,
      timeout: json.timeout,
      userVerification: json.userVerification,
      allowCredentials: descriptors(json.allowCredentials),
    };
  }

  function creationOptions(json) {
    return {
      challenge: fromBase64url(json.challenge),
      rp: json.rp,
      user: { id: fromBase64url(json.user.id), name: json.user.name, displayName: json.user.displayName },
      pubKeyCredParams: json.pubKeyCredParams,
      timeout: json.timeout,
      excludeCredentials: descriptors(json.excludeCredentials),
      authenticatorSelection: json.authenticatorSelection,
      attestation: json.attestation,
    };
  }

  function credentialJSON(credential) {
    const response = credential.response;
    const out = {
      id: credential.id,
      rawId: toBase64url(credential.rawId),
      type: credential.type,
      response: { clientDataJSON: toBase64url(response.clientDataJSON) },
      clientExtensionResults: credential.getClientExtensionResults(),
    };
    if (response.attestationObject) {
      out.response.attestationObject = toBase64url(response.attestationObject);
      out.response.transports = response.getTransports ? response.getTransports() : [];
    } else {
      out.response.authenticatorData = toBase64url(response.authenticatorData);
      out.response.signature = toBase64url(response.signature);
      if (response.userHandle) {
        out.response.userHandle = toBase64url(response.userHandle);
      }
    }
    if (credential.authenticatorAttachment) {
      out.authenticatorAttachment = credential.authenticatorAttachment;
    }
    return out;
  }

  async function post(url, form) {
    const answer = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      body: new URLSearchParams(new FormData(form)),
    });
    const data = await answer.json();
    return { ok: answer.ok, data: data };
  }

  function failed(error) {
    if (error && error.name === "NotAllowedError") {
      show(said("cancelled", "The passkey request was cancelled or timed out."));
    } else if (error && error.name === "InvalidStateError") {
      show(said("registered", "This passkey is already registered."));
    } else if (error && error.name === "SecurityError") {
      show(said("address", "This page's address is not one the user pool's passkeys belong to (its relying party ID)."));
    } else {
      show(said("failed", "The passkey request failed."));
    }
  }

  // ceremony(form, options) asks the browser and returns the credential's JSON.
  function drive(form, button, ceremony) {
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      errorBox.hidden = true;
      if (!window.PublicKeyCredential || !navigator.credentials) {
        show(said("unsupported", "This browser does not support passkeys."));
        return;
      }
      button.disabled = true;
      try {
        const first = await post(form.dataset.options, form);
        if (!first.ok || !first.data.options) {
          show(first.data.error || said("failed", "The passkey request failed."));
          return;
        }
        const credential = await ceremony(first.data.options);
        if (first.data.state) {
          form.elements.namedItem("state").value = first.data.state;
        }
        form.elements.namedItem("credential").value = JSON.stringify(credentialJSON(credential));
        const second = await post(form.action, form);
        form.elements.namedItem("credential").value = "";
        if (!second.ok || !second.data.location) {
          show(second.data.error || said("failed", "The passkey request failed."));
          return;
        }
        window.location.assign(second.data.location);
      } catch (error) {
        failed(error);
      } finally {
        button.disabled = false;
      }
    });
  }

  const signIn = document.getElementById("passkey-form");
  if (signIn) {
    drive(signIn, document.getElementById("passkey-button"), function (options) {
      return navigator.credentials.get({ publicKey: requestOptions(options) });
    });
  }
  const add = document.getElementById("passkey-add-form");
  if (add) {
    drive(add, document.getElementById("passkey-add-button"), function (options) {
      return navigator.credentials.create({ publicKey: creationOptions(options) });
    });
  }
})();
