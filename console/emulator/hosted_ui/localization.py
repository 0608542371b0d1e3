"""The managed login pages in the languages AWS localizes them to, chosen by the authorize request's ``lang``.

Managed login (a domain's ``ManagedLoginVersion`` 2) speaks English (``en``), German (``de``), Spanish
(``es``), French (``fr``), Indonesian (``id``), Italian (``it``), Japanese (``ja``), Korean (``ko``),
Brazilian Portuguese (``pt-BR``), Simplified Chinese (``zh-CN``) and Traditional Chinese (``zh-TW``): the
``lang`` parameter of ``/oauth2/authorize`` picks one and travels with the request to ``/login`` and every
page after it. A language it does not know (or none) is English; a regional variant is its language
(``de-AT`` is German, ``zh-Hant`` and ``zh-HK`` Traditional Chinese). The classic hosted UI (version 1) is
English only, as AWS's is, whatever ``lang`` says.

The catalogue is keyed by the English text, placeholders in braces. Templates call ``_("Sign in")`` or
``_("Continue with {provider}", provider=name)``; a sentence a page handler already wrote in English
(``"We sent a code by email to a***@e***. Enter it below."``) is recognised against the catalogue's
patterns and translated with its parts. What the catalogue does not hold is shown as it is: the
messages of the Cognito API that a page passes on (a password policy violation, a Lambda trigger's
refusal, a limit exceeded) stay in English as the API words them, as on AWS; the sign-in's own
"Incorrect username or password." and the wrong-code message are translated.
"""

# ruff: noqa: E501 - the catalogue keeps each entry's ten translations in rows; some words are long

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

ENGLISH = "en"
# The languages of managed login, in the order of each catalogue entry's translations after the English key.
LANGUAGES = ("de", "es", "fr", "id", "it", "ja", "ko", "pt-BR", "zh-CN", "zh-TW")
SUPPORTED = (ENGLISH, *LANGUAGES)
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
# What a placeholder's value may be, when a page handler's English sentence is read back: a number, or
# words the catalogue must know (a channel, a list of password rules); any other value is a name or an
# address, shown as it is.
_VALUES = {"count": r"\d{1,4}"}
_WORDS = frozenset({"channel", "rules"})
_LIST_SEPARATORS = {"ja": "、", "zh-CN": "、", "zh-TW": "、"}
# The longest English sentence read back against the catalogue's patterns. The catalogue's sentences with
# their parts filled in stay far below it; a longer message (from an API or a trigger) is shown as it is
# without trying them, since a pattern with two parts takes time growing with the square of the length.
_LONGEST_SENTENCE = 1000

# English text: (de, es, fr, id, it, ja, ko, pt-BR, zh-CN, zh-TW)
CATALOGUE: dict[str, tuple[str, ...]] = {
    # -- words used on several pages
    "Sign in": (
        "Anmelden", "Iniciar sesión", "Se connecter", "Masuk", "Accedi",
        "サインイン", "로그인", "Entrar", "登录", "登入",
    ),
    "Sign up": (
        "Registrieren", "Registrarse", "S'inscrire", "Daftar", "Registrati",
        "サインアップ", "가입", "Cadastrar-se", "注册", "註冊",
    ),
    "Logo": ("Logo", "Logotipo", "Logo", "Logo", "Logo", "ロゴ", "로고", "Logotipo", "徽标", "標誌"),
    "Username": (
        "Benutzername", "Nombre de usuario", "Nom d'utilisateur", "Nama pengguna", "Nome utente",
        "ユーザー名", "사용자 이름", "Nome de usuário", "用户名", "使用者名稱",
    ),
    "Email": (
        "E-Mail", "Correo electrónico", "E-mail", "Email", "E-mail",
        "E メール", "이메일", "E-mail", "电子邮件", "電子郵件",
    ),
    "Phone number": (
        "Telefonnummer", "Número de teléfono", "Numéro de téléphone", "Nomor telepon", "Numero di telefono",
        "電話番号", "전화번호", "Número de telefone", "电话号码", "電話號碼",
    ),
    "Password": (
        "Passwort", "Contraseña", "Mot de passe", "Kata sandi", "Password",
        "パスワード", "암호", "Senha", "密码", "密碼",
    ),
    "Name": ("Name", "Nombre", "Nom", "Nama", "Nome", "名前", "이름", "Nome", "姓名", "姓名"),
    "Given name": (
        "Vorname", "Nombre de pila", "Prénom", "Nama depan", "Nome di battesimo",
        "名", "이름", "Nome", "名字", "名字",
    ),
    "Family name": (
        "Nachname", "Apellido", "Nom de famille", "Nama belakang", "Cognome",
        "姓", "성", "Sobrenome", "姓氏", "姓氏",
    ),
    "Birthdate": (
        "Geburtsdatum", "Fecha de nacimiento", "Date de naissance", "Tanggal lahir", "Data di nascita",
        "生年月日", "생년월일", "Data de nascimento", "出生日期", "出生日期",
    ),
    "Code": ("Code", "Código", "Code", "Kode", "Codice", "コード", "코드", "Código", "代码", "代碼"),
    "Continue": (
        "Weiter", "Continuar", "Continuer", "Lanjutkan", "Continua",
        "続行", "계속", "Continuar", "继续", "繼續",
    ),
    "Back to sign in": (
        "Zurück zur Anmeldung", "Volver a iniciar sesión", "Retour à la connexion", "Kembali ke halaman masuk",
        "Torna all'accesso", "サインインに戻る", "로그인으로 돌아가기", "Voltar para o login", "返回登录", "返回登入",
    ),
    "Forgot your password?": (
        "Passwort vergessen?", "¿Olvidó su contraseña?", "Mot de passe oublié\u00a0?", "Lupa kata sandi?",
        "Password dimenticata?", "パスワードをお忘れですか？", "암호를 잊으셨나요?", "Esqueceu sua senha?",
        "忘记密码？", "忘記密碼？",
    ),
    "Error": ("Fehler", "Error", "Erreur", "Kesalahan", "Errore", "エラー", "오류", "Erro", "错误", "錯誤"),
    # -- sign-in
    "Sign in with your username and password": (
        "Melden Sie sich mit Ihrem Benutzernamen und Passwort an",
        "Inicie sesión con su nombre de usuario y contraseña",
        "Connectez-vous avec votre nom d'utilisateur et votre mot de passe",
        "Masuk dengan nama pengguna dan kata sandi Anda",
        "Accedi con nome utente e password",
        "ユーザー名とパスワードでサインインします",
        "사용자 이름과 암호로 로그인하세요",
        "Entre com seu nome de usuário e senha",
        "使用您的用户名和密码登录",
        "使用您的使用者名稱和密碼登入",
    ),
    "Sign in with your email and password": (
        "Melden Sie sich mit Ihrer E-Mail-Adresse und Ihrem Passwort an",
        "Inicie sesión con su correo electrónico y contraseña",
        "Connectez-vous avec votre adresse e-mail et votre mot de passe",
        "Masuk dengan email dan kata sandi Anda",
        "Accedi con e-mail e password",
        "E メールアドレスとパスワードでサインインします",
        "이메일과 암호로 로그인하세요",
        "Entre com seu e-mail e senha",
        "使用您的电子邮件和密码登录",
        "使用您的電子郵件和密碼登入",
    ),
    "Sign in with your phone number and password": (
        "Melden Sie sich mit Ihrer Telefonnummer und Ihrem Passwort an",
        "Inicie sesión con su número de teléfono y contraseña",
        "Connectez-vous avec votre numéro de téléphone et votre mot de passe",
        "Masuk dengan nomor telepon dan kata sandi Anda",
        "Accedi con numero di telefono e password",
        "電話番号とパスワードでサインインします",
        "전화번호와 암호로 로그인하세요",
        "Entre com seu número de telefone e senha",
        "使用您的电话号码和密码登录",
        "使用您的電話號碼和密碼登入",
    ),
    "Sign in with another provider": (
        "Mit einem anderen Anbieter anmelden", "Iniciar sesión con otro proveedor", "Se connecter avec un autre fournisseur",
        "Masuk dengan penyedia lain", "Accedi con un altro provider", "別のプロバイダーでサインイン",
        "다른 공급자로 로그인", "Entrar com outro provedor", "使用其他提供商登录", "使用其他提供者登入",
    ),
    "Continue with {provider}": (
        "Weiter mit {provider}", "Continuar con {provider}", "Continuer avec {provider}", "Lanjutkan dengan {provider}",
        "Continua con {provider}", "{provider} で続行", "{provider}(으)로 계속", "Continuar com {provider}",
        "使用 {provider} 继续", "使用 {provider} 繼續",
    ),
    "or": ("oder", "o", "ou", "atau", "oppure", "または", "또는", "ou", "或", "或"),
    "Sign in with a one-time code": (
        "Mit einem Einmalcode anmelden", "Iniciar sesión con un código de un solo uso", "Se connecter avec un code à usage unique",
        "Masuk dengan kode sekali pakai", "Accedi con un codice monouso", "ワンタイムコードでサインイン",
        "일회용 코드로 로그인", "Entrar com um código de uso único", "使用一次性代码登录", "使用一次性代碼登入",
    ),
    "Sign in with passkey": (
        "Mit Passkey anmelden", "Iniciar sesión con clave de acceso", "Se connecter avec une clé d'accès",
        "Masuk dengan kunci sandi", "Accedi con passkey", "パスキーでサインイン", "패스키로 로그인",
        "Entrar com chave de acesso", "使用通行密钥登录", "使用密碼金鑰登入",
    ),
    "Identity provider": (
        "Identitätsanbieter", "Proveedor de identidad", "Fournisseur d'identité", "Penyedia identitas",
        "Provider di identità", "ID プロバイダー", "자격 증명 공급자", "Provedor de identidade", "身份提供商", "身分提供者",
    ),
    "Need an account?": (
        "Noch kein Konto?", "¿Necesita una cuenta?", "Besoin d'un compte\u00a0?", "Belum punya akun?", "Non hai un account?",
        "アカウントが必要ですか？", "계정이 필요하신가요?", "Precisa de uma conta?", "需要账户？", "需要帳戶？",
    ),
    # -- sign-up and its code
    "Create an account with your username and a password": (
        "Erstellen Sie ein Konto mit Ihrem Benutzernamen und einem Passwort",
        "Cree una cuenta con su nombre de usuario y una contraseña",
        "Créez un compte avec votre nom d'utilisateur et un mot de passe",
        "Buat akun dengan nama pengguna dan kata sandi",
        "Crea un account con nome utente e password",
        "ユーザー名とパスワードでアカウントを作成します",
        "사용자 이름과 암호로 계정을 만드세요",
        "Crie uma conta com seu nome de usuário e uma senha",
        "使用您的用户名和密码创建账户",
        "使用您的使用者名稱和密碼建立帳戶",
    ),
    "Create an account with your email and a password": (
        "Erstellen Sie ein Konto mit Ihrer E-Mail-Adresse und einem Passwort",
        "Cree una cuenta con su correo electrónico y una contraseña",
        "Créez un compte avec votre adresse e-mail et un mot de passe",
        "Buat akun dengan email dan kata sandi",
        "Crea un account con e-mail e password",
        "E メールアドレスとパスワードでアカウントを作成します",
        "이메일과 암호로 계정을 만드세요",
        "Crie uma conta com seu e-mail e uma senha",
        "使用您的电子邮件和密码创建账户",
        "使用您的電子郵件和密碼建立帳戶",
    ),
    "Create an account with your phone number and a password": (
        "Erstellen Sie ein Konto mit Ihrer Telefonnummer und einem Passwort",
        "Cree una cuenta con su número de teléfono y una contraseña",
        "Créez un compte avec votre numéro de téléphone et un mot de passe",
        "Buat akun dengan nomor telepon dan kata sandi",
        "Crea un account con numero di telefono e password",
        "電話番号とパスワードでアカウントを作成します",
        "전화번호와 암호로 계정을 만드세요",
        "Crie uma conta com seu número de telefone e uma senha",
        "使用您的电话号码和密码创建账户",
        "使用您的電話號碼和密碼建立帳戶",
    ),
    "By signing up, you agree to the {documents}.": (
        "Mit der Registrierung stimmen Sie {documents} zu.",
        "Al registrarse, acepta {documents}.",
        "En vous inscrivant, vous acceptez {documents}.",
        "Dengan mendaftar, Anda menyetujui {documents}.",
        "Registrandoti, accetti {documents}.",
        "サインアップすると、{documents}に同意したことになります。",
        "가입하면 {documents}에 동의하게 됩니다.",
        "Ao se cadastrar, você concorda com {documents}.",
        "注册即表示您同意{documents}。",
        "註冊即表示您同意{documents}。",
    ),
    "and the": ("und", "y", "et", "dan", "e", "および", "및", "e", "和", "和"),
    "Terms of use": (
        "den Nutzungsbedingungen", "los Términos de uso", "les Conditions d'utilisation", "Ketentuan penggunaan",
        "i Termini di utilizzo", "利用規約", "이용 약관", "os Termos de uso", "使用条款", "使用條款",
    ),
    "Privacy policy": (
        "der Datenschutzrichtlinie", "la Política de privacidad", "la Politique de confidentialité", "Kebijakan privasi",
        "l'Informativa sulla privacy", "プライバシーポリシー", "개인정보 처리방침", "a Política de privacidade",
        "隐私政策", "隱私權政策",
    ),
    "Already have an account?": (
        "Sie haben bereits ein Konto?", "¿Ya tiene una cuenta?", "Vous avez déjà un compte\u00a0?", "Sudah punya akun?",
        "Hai già un account?", "既にアカウントをお持ちですか？", "이미 계정이 있으신가요?", "Já tem uma conta?",
        "已有账户？", "已有帳戶？",
    ),
    "Confirm your account": (
        "Bestätigen Sie Ihr Konto", "Confirme su cuenta", "Confirmez votre compte", "Konfirmasi akun Anda",
        "Conferma il tuo account", "アカウントの確認", "계정 확인", "Confirme sua conta", "确认您的账户", "確認您的帳戶",
    ),
    "Verification code": (
        "Bestätigungscode", "Código de verificación", "Code de vérification", "Kode verifikasi", "Codice di verifica",
        "確認コード", "확인 코드", "Código de verificação", "验证码", "驗證碼",
    ),
    "Confirm account": (
        "Konto bestätigen", "Confirmar cuenta", "Confirmer le compte", "Konfirmasi akun", "Conferma account",
        "アカウントを確認", "계정 확인", "Confirmar conta", "确认账户", "確認帳戶",
    ),
    "Resend code": (
        "Code erneut senden", "Reenviar código", "Renvoyer le code", "Kirim ulang kode", "Invia di nuovo il codice",
        "コードを再送信", "코드 재전송", "Reenviar código", "重新发送代码", "重新傳送代碼",
    ),
    "We have sent a code by {channel} to {destination}. Enter it below to confirm your account.": (
        "Wir haben einen Code per {channel} an {destination} gesendet. Geben Sie ihn unten ein, um Ihr Konto zu bestätigen.",
        "Hemos enviado un código por {channel} a {destination}. Introdúzcalo a continuación para confirmar su cuenta.",
        "Nous avons envoyé un code par {channel} à {destination}. Saisissez-le ci-dessous pour confirmer votre compte.",
        "Kami telah mengirim kode melalui {channel} ke {destination}. Masukkan kode di bawah untuk mengonfirmasi akun Anda.",
        "Abbiamo inviato un codice tramite {channel} a {destination}. Inseriscilo qui sotto per confermare l'account.",
        "{channel}で {destination} にコードを送信しました。アカウントを確認するには、以下に入力してください。",
        "{channel}(으)로 {destination}에 코드를 보냈습니다. 계정을 확인하려면 아래에 입력하세요.",
        "Enviamos um código por {channel} para {destination}. Digite-o abaixo para confirmar sua conta.",
        "我们已通过{channel}向 {destination} 发送了代码。请在下方输入以确认您的账户。",
        "我們已透過{channel}傳送代碼至 {destination}。請在下方輸入以確認您的帳戶。",
    ),
    "Enter the code we sent you to confirm your account.": (
        "Geben Sie den Code ein, den wir Ihnen gesendet haben, um Ihr Konto zu bestätigen.",
        "Introduzca el código que le enviamos para confirmar su cuenta.",
        "Saisissez le code que nous vous avons envoyé pour confirmer votre compte.",
        "Masukkan kode yang kami kirim untuk mengonfirmasi akun Anda.",
        "Inserisci il codice che ti abbiamo inviato per confermare l'account.",
        "アカウントを確認するには、送信されたコードを入力してください。",
        "계정을 확인하려면 보내 드린 코드를 입력하세요.",
        "Digite o código que enviamos para confirmar sua conta.",
        "输入我们发送给您的代码以确认您的账户。",
        "輸入我們傳送給您的代碼以確認您的帳戶。",
    ),
    "A new code was sent.": (
        "Ein neuer Code wurde gesendet.", "Se ha enviado un código nuevo.", "Un nouveau code a été envoyé.",
        "Kode baru telah dikirim.", "È stato inviato un nuovo codice.", "新しいコードを送信しました。",
        "새 코드를 보냈습니다.", "Um novo código foi enviado.", "已发送新代码。", "已傳送新代碼。",
    ),
    "Your account is confirmed. Please sign in.": (
        "Ihr Konto ist bestätigt. Bitte melden Sie sich an.", "Su cuenta está confirmada. Inicie sesión.",
        "Votre compte est confirmé. Veuillez vous connecter.", "Akun Anda telah dikonfirmasi. Silakan masuk.",
        "Il tuo account è confermato. Accedi.", "アカウントが確認されました。サインインしてください。",
        "계정이 확인되었습니다. 로그인하세요.", "Sua conta foi confirmada. Entre.", "您的账户已确认。请登录。",
        "您的帳戶已確認。請登入。",
    ),
    "Registration confirmed": (
        "Registrierung bestätigt", "Registro confirmado", "Inscription confirmée", "Pendaftaran dikonfirmasi",
        "Registrazione confermata", "登録が確認されました", "가입 확인됨", "Cadastro confirmado", "注册已确认", "註冊已確認",
    ),
    "Your registration has been confirmed!": (
        "Ihre Registrierung wurde bestätigt!", "¡Su registro se ha confirmado!", "Votre inscription a été confirmée\u00a0!",
        "Pendaftaran Anda telah dikonfirmasi!", "La tua registrazione è stata confermata!", "登録が確認されました。",
        "가입이 확인되었습니다!", "Seu cadastro foi confirmado!", "您的注册已确认！", "您的註冊已確認！",
    ),
    "You can now sign in to the app with your new account.": (
        "Sie können sich jetzt mit Ihrem neuen Konto bei der App anmelden.",
        "Ya puede iniciar sesión en la aplicación con su nueva cuenta.",
        "Vous pouvez maintenant vous connecter à l'application avec votre nouveau compte.",
        "Sekarang Anda dapat masuk ke aplikasi dengan akun baru Anda.",
        "Ora puoi accedere all'app con il tuo nuovo account.",
        "新しいアカウントでアプリにサインインできるようになりました。",
        "이제 새 계정으로 앱에 로그인할 수 있습니다.",
        "Agora você pode entrar no aplicativo com sua nova conta.",
        "您现在可以使用新账户登录该应用。",
        "您現在可以使用新帳戶登入該應用程式。",
    ),
    # -- forgotten password
    "Enter your username below and we will send a message to reset your password": (
        "Geben Sie unten Ihren Benutzernamen ein. Wir senden Ihnen dann eine Nachricht zum Zurücksetzen Ihres Passworts",
        "Introduzca su nombre de usuario y le enviaremos un mensaje para restablecer su contraseña",
        "Saisissez votre nom d'utilisateur ci-dessous et nous vous enverrons un message pour réinitialiser votre mot de passe",
        "Masukkan nama pengguna Anda di bawah dan kami akan mengirim pesan untuk mengatur ulang kata sandi Anda",
        "Inserisci il nome utente qui sotto e ti invieremo un messaggio per reimpostare la password",
        "ユーザー名を入力してください。パスワードをリセットするためのメッセージを送信します",
        "아래에 사용자 이름을 입력하시면 암호를 재설정하는 메시지를 보내 드립니다",
        "Digite seu nome de usuário abaixo e enviaremos uma mensagem para redefinir sua senha",
        "在下方输入您的用户名，我们将向您发送重置密码的消息",
        "在下方輸入您的使用者名稱，我們將傳送重設密碼的訊息給您",
    ),
    "Enter your email below and we will send a message to reset your password": (
        "Geben Sie unten Ihre E-Mail-Adresse ein. Wir senden Ihnen dann eine Nachricht zum Zurücksetzen Ihres Passworts",
        "Introduzca su correo electrónico y le enviaremos un mensaje para restablecer su contraseña",
        "Saisissez votre adresse e-mail ci-dessous et nous vous enverrons un message pour réinitialiser votre mot de passe",
        "Masukkan email Anda di bawah dan kami akan mengirim pesan untuk mengatur ulang kata sandi Anda",
        "Inserisci l'e-mail qui sotto e ti invieremo un messaggio per reimpostare la password",
        "E メールアドレスを入力してください。パスワードをリセットするためのメッセージを送信します",
        "아래에 이메일을 입력하시면 암호를 재설정하는 메시지를 보내 드립니다",
        "Digite seu e-mail abaixo e enviaremos uma mensagem para redefinir sua senha",
        "在下方输入您的电子邮件，我们将向您发送重置密码的消息",
        "在下方輸入您的電子郵件，我們將傳送重設密碼的訊息給您",
    ),
    "Enter your phone number below and we will send a message to reset your password": (
        "Geben Sie unten Ihre Telefonnummer ein. Wir senden Ihnen dann eine Nachricht zum Zurücksetzen Ihres Passworts",
        "Introduzca su número de teléfono y le enviaremos un mensaje para restablecer su contraseña",
        "Saisissez votre numéro de téléphone ci-dessous et nous vous enverrons un message pour réinitialiser votre mot de passe",
        "Masukkan nomor telepon Anda di bawah dan kami akan mengirim pesan untuk mengatur ulang kata sandi Anda",
        "Inserisci il numero di telefono qui sotto e ti invieremo un messaggio per reimpostare la password",
        "電話番号を入力してください。パスワードをリセットするためのメッセージを送信します",
        "아래에 전화번호를 입력하시면 암호를 재설정하는 메시지를 보내 드립니다",
        "Digite seu número de telefone abaixo e enviaremos uma mensagem para redefinir sua senha",
        "在下方输入您的电话号码，我们将向您发送重置密码的消息",
        "在下方輸入您的電話號碼，我們將傳送重設密碼的訊息給您",
    ),
    "Reset my password": (
        "Passwort zurücksetzen", "Restablecer mi contraseña", "Réinitialiser mon mot de passe", "Atur ulang kata sandi saya",
        "Reimposta la password", "パスワードをリセット", "암호 재설정", "Redefinir minha senha", "重置我的密码", "重設我的密碼",
    ),
    "Reset your password": (
        "Passwort zurücksetzen", "Restablezca su contraseña", "Réinitialisez votre mot de passe", "Atur ulang kata sandi Anda",
        "Reimposta la password", "パスワードのリセット", "암호 재설정", "Redefina sua senha", "重置您的密码", "重設您的密碼",
    ),
    "We have sent a password reset code by {channel} to {destination}. Enter it below to reset your password.": (
        "Wir haben einen Code zum Zurücksetzen des Passworts per {channel} an {destination} gesendet."
        " Geben Sie ihn unten ein, um Ihr Passwort zurückzusetzen.",
        "Hemos enviado un código para restablecer la contraseña por {channel} a {destination}."
        " Introdúzcalo a continuación para restablecer su contraseña.",
        "Nous avons envoyé un code de réinitialisation par {channel} à {destination}."
        " Saisissez-le ci-dessous pour réinitialiser votre mot de passe.",
        "Kami telah mengirim kode pengaturan ulang kata sandi melalui {channel} ke {destination}."
        " Masukkan kode di bawah untuk mengatur ulang kata sandi Anda.",
        "Abbiamo inviato un codice di reimpostazione tramite {channel} a {destination}."
        " Inseriscilo qui sotto per reimpostare la password.",
        "{channel}で {destination} にパスワードリセットコードを送信しました。パスワードをリセットするには、以下に入力してください。",
        "{channel}(으)로 {destination}에 암호 재설정 코드를 보냈습니다. 암호를 재설정하려면 아래에 입력하세요.",
        "Enviamos um código de redefinição de senha por {channel} para {destination}."
        " Digite-o abaixo para redefinir sua senha.",
        "我们已通过{channel}向 {destination} 发送了密码重置代码。请在下方输入以重置您的密码。",
        "我們已透過{channel}傳送密碼重設代碼至 {destination}。請在下方輸入以重設您的密碼。",
    ),
    "New password": (
        "Neues Passwort", "Nueva contraseña", "Nouveau mot de passe", "Kata sandi baru", "Nuova password",
        "新しいパスワード", "새 암호", "Nova senha", "新密码", "新密碼",
    ),
    "Enter new password again": (
        "Neues Passwort wiederholen", "Vuelva a introducir la nueva contraseña", "Saisissez à nouveau le nouveau mot de passe",
        "Masukkan lagi kata sandi baru", "Inserisci di nuovo la nuova password", "新しいパスワードを再入力",
        "새 암호 다시 입력", "Digite a nova senha novamente", "再次输入新密码", "再次輸入新密碼",
    ),
    "Change password": (
        "Passwort ändern", "Cambiar contraseña", "Changer le mot de passe", "Ubah kata sandi", "Cambia password",
        "パスワードを変更", "암호 변경", "Alterar senha", "更改密码", "變更密碼",
    ),
    "Your password has been changed. Please sign in.": (
        "Ihr Passwort wurde geändert. Bitte melden Sie sich an.", "Su contraseña se ha cambiado. Inicie sesión.",
        "Votre mot de passe a été modifié. Veuillez vous connecter.", "Kata sandi Anda telah diubah. Silakan masuk.",
        "La password è stata modificata. Accedi.", "パスワードが変更されました。サインインしてください。",
        "암호가 변경되었습니다. 로그인하세요.", "Sua senha foi alterada. Entre.", "您的密码已更改。请登录。",
        "您的密碼已變更。請登入。",
    ),
    # -- new password required
    "Please enter a new password.": (
        "Bitte geben Sie ein neues Passwort ein.", "Introduzca una nueva contraseña.",
        "Veuillez saisir un nouveau mot de passe.", "Masukkan kata sandi baru.", "Inserisci una nuova password.",
        "新しいパスワードを入力してください。", "새 암호를 입력하세요.", "Digite uma nova senha.", "请输入新密码。",
        "請輸入新密碼。",
    ),
    "Confirm new password": (
        "Neues Passwort bestätigen", "Confirmar nueva contraseña", "Confirmer le nouveau mot de passe",
        "Konfirmasi kata sandi baru", "Conferma la nuova password", "新しいパスワードの確認", "새 암호 확인",
        "Confirmar nova senha", "确认新密码", "確認新密碼",
    ),
    "Send": ("Senden", "Enviar", "Envoyer", "Kirim", "Invia", "送信", "보내기", "Enviar", "发送", "傳送"),
    # -- multi-factor authentication
    "Choose a sign-in method": (
        "Anmeldemethode wählen", "Elija un método de inicio de sesión", "Choisissez une méthode de connexion",
        "Pilih metode masuk", "Scegli un metodo di accesso", "サインイン方法の選択", "로그인 방법 선택",
        "Escolha um método de login", "选择登录方式", "選擇登入方式",
    ),
    "Choose how to verify": (
        "Wählen Sie die Bestätigungsmethode", "Elija cómo verificar", "Choisissez comment vous vérifier",
        "Pilih cara verifikasi", "Scegli come verificare", "確認方法の選択", "확인 방법 선택",
        "Escolha como verificar", "选择验证方式", "選擇驗證方式",
    ),
    "Multi-factor authentication method": (
        "Methode der Multi-Faktor-Authentifizierung", "Método de autenticación multifactor",
        "Méthode d'authentification multifacteur", "Metode autentikasi multifaktor", "Metodo di autenticazione a più fattori",
        "多要素認証の方法", "다중 인증 방법", "Método de autenticação multifator", "多重身份验证方式", "多重要素驗證方式",
    ),
    "Text message (SMS)": (
        "Textnachricht (SMS)", "Mensaje de texto (SMS)", "SMS", "Pesan teks (SMS)", "SMS",
        "テキストメッセージ (SMS)", "문자 메시지(SMS)", "Mensagem de texto (SMS)", "短信 (SMS)", "簡訊 (SMS)",
    ),
    "Authenticator app": (
        "Authenticator-App", "Aplicación de autenticación", "Application d'authentification", "Aplikasi autentikator",
        "App di autenticazione", "認証アプリ", "인증 앱", "Aplicativo autenticador", "身份验证器应用", "驗證器應用程式",
    ),
    "Multi-factor authentication": (
        "Multi-Faktor-Authentifizierung", "Autenticación multifactor", "Authentification multifacteur",
        "Autentikasi multifaktor", "Autenticazione a più fattori", "多要素認証", "다중 인증",
        "Autenticação multifator", "多重身份验证", "多重要素驗證",
    ),
    "Enter your sign-in code": (
        "Geben Sie Ihren Anmeldecode ein", "Introduzca su código de inicio de sesión", "Saisissez votre code de connexion",
        "Masukkan kode masuk Anda", "Inserisci il codice di accesso", "サインインコードを入力", "로그인 코드 입력",
        "Digite seu código de login", "输入您的登录代码", "輸入您的登入代碼",
    ),
    "Enter the code from your authenticator app.": (
        "Geben Sie den Code aus Ihrer Authenticator-App ein.", "Introduzca el código de su aplicación de autenticación.",
        "Saisissez le code de votre application d'authentification.", "Masukkan kode dari aplikasi autentikator Anda.",
        "Inserisci il codice dell'app di autenticazione.", "認証アプリのコードを入力してください。",
        "인증 앱의 코드를 입력하세요.", "Digite o código do seu aplicativo autenticador.", "输入身份验证器应用中的代码。",
        "輸入驗證器應用程式中的代碼。",
    ),
    "Authenticator code": (
        "Authenticator-Code", "Código de autenticación", "Code d'authentification", "Kode autentikator",
        "Codice di autenticazione", "認証コード", "인증 코드", "Código do autenticador", "身份验证器代码", "驗證器代碼",
    ),
    "We sent a code by {channel} to {destination}. Enter it below.": (
        "Wir haben einen Code per {channel} an {destination} gesendet. Geben Sie ihn unten ein.",
        "Hemos enviado un código por {channel} a {destination}. Introdúzcalo a continuación.",
        "Nous avons envoyé un code par {channel} à {destination}. Saisissez-le ci-dessous.",
        "Kami mengirim kode melalui {channel} ke {destination}. Masukkan kode di bawah.",
        "Abbiamo inviato un codice tramite {channel} a {destination}. Inseriscilo qui sotto.",
        "{channel}で {destination} にコードを送信しました。以下に入力してください。",
        "{channel}(으)로 {destination}에 코드를 보냈습니다. 아래에 입력하세요.",
        "Enviamos um código por {channel} para {destination}. Digite-o abaixo.",
        "我们已通过{channel}向 {destination} 发送了代码。请在下方输入。",
        "我們已透過{channel}傳送代碼至 {destination}。請在下方輸入。",
    ),
    "We sent a code by {channel}. Enter it below.": (
        "Wir haben einen Code per {channel} gesendet. Geben Sie ihn unten ein.",
        "Hemos enviado un código por {channel}. Introdúzcalo a continuación.",
        "Nous avons envoyé un code par {channel}. Saisissez-le ci-dessous.",
        "Kami mengirim kode melalui {channel}. Masukkan kode di bawah.",
        "Abbiamo inviato un codice tramite {channel}. Inseriscilo qui sotto.",
        "{channel}でコードを送信しました。以下に入力してください。",
        "{channel}(으)로 코드를 보냈습니다. 아래에 입력하세요.",
        "Enviamos um código por {channel}. Digite-o abaixo.",
        "我们已通过{channel}发送了代码。请在下方输入。",
        "我們已透過{channel}傳送代碼。請在下方輸入。",
    ),
    "email": ("E-Mail", "correo electrónico", "e-mail", "email", "e-mail", "E メール", "이메일", "e-mail", "电子邮件", "電子郵件"),
    "text message": (
        "SMS", "mensaje de texto", "SMS", "pesan teks", "SMS", "テキストメッセージ", "문자 메시지", "SMS", "短信", "簡訊",
    ),
    "Set up an authenticator app": (
        "Authenticator-App einrichten", "Configure una aplicación de autenticación", "Configurez une application d'authentification",
        "Siapkan aplikasi autentikator", "Configura un'app di autenticazione", "認証アプリの設定", "인증 앱 설정",
        "Configure um aplicativo autenticador", "设置身份验证器应用", "設定驗證器應用程式",
    ),
    "Scan the QR code with your authenticator app, or add the key below to it. Then enter the code it shows.": (
        "Scannen Sie den QR-Code mit Ihrer Authenticator-App oder fügen Sie ihr den Schlüssel unten hinzu."
        " Geben Sie dann den angezeigten Code ein.",
        "Escanee el código QR con su aplicación de autenticación o agréguele la clave siguiente."
        " Luego introduzca el código que muestre.",
        "Scannez le code QR avec votre application d'authentification ou ajoutez-y la clé ci-dessous."
        " Saisissez ensuite le code affiché.",
        "Pindai kode QR dengan aplikasi autentikator Anda, atau tambahkan kunci di bawah ke aplikasi itu."
        " Lalu masukkan kode yang ditampilkannya.",
        "Scansiona il codice QR con l'app di autenticazione o aggiungi la chiave qui sotto."
        " Poi inserisci il codice che mostra.",
        "認証アプリで QR コードをスキャンするか、以下のキーを追加してください。次に、表示されたコードを入力してください。",
        "인증 앱으로 QR 코드를 스캔하거나 아래 키를 추가하세요. 그런 다음 표시되는 코드를 입력하세요.",
        "Leia o código QR com seu aplicativo autenticador ou adicione a chave abaixo a ele."
        " Depois digite o código exibido.",
        "使用身份验证器应用扫描二维码，或将下方的密钥添加到应用中。然后输入应用显示的代码。",
        "使用驗證器應用程式掃描 QR 碼，或將下方的金鑰新增至應用程式。然後輸入應用程式顯示的代碼。",
    ),
    "QR code for your authenticator app": (
        "QR-Code für Ihre Authenticator-App", "Código QR para su aplicación de autenticación",
        "Code QR pour votre application d'authentification", "Kode QR untuk aplikasi autentikator Anda",
        "Codice QR per l'app di autenticazione", "認証アプリ用の QR コード", "인증 앱용 QR 코드",
        "Código QR para seu aplicativo autenticador", "身份验证器应用的二维码", "驗證器應用程式的 QR 碼",
    ),
    "Authenticator key": (
        "Authenticator-Schlüssel", "Clave de autenticación", "Clé d'authentification", "Kunci autentikator",
        "Chiave di autenticazione", "認証キー", "인증 키", "Chave do autenticador", "身份验证器密钥", "驗證器金鑰",
    ),
    "Open in an authenticator app": (
        "In einer Authenticator-App öffnen", "Abrir en una aplicación de autenticación",
        "Ouvrir dans une application d'authentification", "Buka di aplikasi autentikator",
        "Apri in un'app di autenticazione", "認証アプリで開く", "인증 앱에서 열기",
        "Abrir em um aplicativo autenticador", "在身份验证器应用中打开", "在驗證器應用程式中開啟",
    ),
    "Verify": ("Bestätigen", "Verificar", "Vérifier", "Verifikasi", "Verifica", "確認", "확인", "Verificar", "验证", "驗證"),
    # -- password policy hint
    "Use {rules}.": (
        "Verwenden Sie {rules}.", "Use {rules}.", "Utilisez {rules}.", "Gunakan {rules}.", "Usa {rules}.",
        "{rules}を使用してください。", "{rules}을(를) 사용하세요.", "Use {rules}.", "请使用{rules}。", "請使用{rules}。",
    ),
    "at least {count} characters": (
        "mindestens {count} Zeichen", "al menos {count} caracteres", "au moins {count} caractères",
        "setidaknya {count} karakter", "almeno {count} caratteri", "{count} 文字以上", "{count}자 이상",
        "pelo menos {count} caracteres", "至少 {count} 个字符", "至少 {count} 個字元",
    ),
    "an uppercase letter": (
        "einen Großbuchstaben", "una letra mayúscula", "une majuscule", "huruf besar", "una lettera maiuscola",
        "大文字", "대문자", "uma letra maiúscula", "大写字母", "大寫字母",
    ),
    "a lowercase letter": (
        "einen Kleinbuchstaben", "una letra minúscula", "une minuscule", "huruf kecil", "una lettera minuscola",
        "小文字", "소문자", "uma letra minúscula", "小写字母", "小寫字母",
    ),
    "a number": ("eine Ziffer", "un número", "un chiffre", "angka", "un numero", "数字", "숫자", "um número", "数字", "數字"),
    "a symbol": ("ein Sonderzeichen", "un símbolo", "un symbole", "simbol", "un simbolo", "記号", "기호", "um símbolo", "符号", "符號"),
    # -- messages
    "Please enter your username and password.": (
        "Bitte geben Sie Ihren Benutzernamen und Ihr Passwort ein.", "Introduzca su nombre de usuario y contraseña.",
        "Veuillez saisir votre nom d'utilisateur et votre mot de passe.", "Masukkan nama pengguna dan kata sandi Anda.",
        "Inserisci nome utente e password.", "ユーザー名とパスワードを入力してください。", "사용자 이름과 암호를 입력하세요.",
        "Digite seu nome de usuário e senha.", "请输入您的用户名和密码。", "請輸入您的使用者名稱和密碼。",
    ),
    "Please enter your username.": (
        "Bitte geben Sie Ihren Benutzernamen ein.", "Introduzca su nombre de usuario.",
        "Veuillez saisir votre nom d'utilisateur.", "Masukkan nama pengguna Anda.", "Inserisci il nome utente.",
        "ユーザー名を入力してください。", "사용자 이름을 입력하세요.", "Digite seu nome de usuário.", "请输入您的用户名。",
        "請輸入您的使用者名稱。",
    ),
    "Please fill in every field.": (
        "Bitte füllen Sie alle Felder aus.", "Rellene todos los campos.", "Veuillez remplir tous les champs.",
        "Isi semua kolom.", "Compila tutti i campi.", "すべてのフィールドに入力してください。", "모든 필드를 입력하세요.",
        "Preencha todos os campos.", "请填写所有字段。", "請填寫所有欄位。",
    ),
    "Passwords do not match.": (
        "Die Passwörter stimmen nicht überein.", "Las contraseñas no coinciden.", "Les mots de passe ne correspondent pas.",
        "Kata sandi tidak cocok.", "Le password non corrispondono.", "パスワードが一致しません。", "암호가 일치하지 않습니다.",
        "As senhas não coincidem.", "密码不匹配。", "密碼不相符。",
    ),
    "Your session has expired. Please sign in again.": (
        "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.", "Su sesión ha caducado. Vuelva a iniciar sesión.",
        "Votre session a expiré. Veuillez vous reconnecter.", "Sesi Anda telah berakhir. Silakan masuk lagi.",
        "La sessione è scaduta. Accedi di nuovo.", "セッションの有効期限が切れました。もう一度サインインしてください。",
        "세션이 만료되었습니다. 다시 로그인하세요.", "Sua sessão expirou. Entre novamente.", "您的会话已过期。请重新登录。",
        "您的工作階段已過期。請重新登入。",
    ),
    "Incorrect username or password.": (
        "Falscher Benutzername oder falsches Passwort.", "Nombre de usuario o contraseña incorrectos.",
        "Nom d'utilisateur ou mot de passe incorrect.", "Nama pengguna atau kata sandi salah.",
        "Nome utente o password non corretti.", "ユーザー名またはパスワードが正しくありません。",
        "사용자 이름 또는 암호가 올바르지 않습니다.", "Nome de usuário ou senha incorretos.", "用户名或密码不正确。",
        "使用者名稱或密碼不正確。",
    ),
    "User does not exist.": (
        "Der Benutzer existiert nicht.", "El usuario no existe.", "L'utilisateur n'existe pas.", "Pengguna tidak ada.",
        "L'utente non esiste.", "ユーザーが存在しません。", "사용자가 존재하지 않습니다.", "O usuário não existe.",
        "用户不存在。", "使用者不存在。",
    ),
    "Invalid verification code provided, please try again.": (
        "Ungültiger Bestätigungscode, bitte versuchen Sie es erneut.",
        "Se ha proporcionado un código de verificación no válido. Inténtelo de nuevo.",
        "Code de vérification non valide, veuillez réessayer.", "Kode verifikasi tidak valid, silakan coba lagi.",
        "Codice di verifica non valido, riprova.", "無効な確認コードです。もう一度お試しください。",
        "잘못된 확인 코드입니다. 다시 시도하세요.", "Código de verificação inválido. Tente novamente.",
        "提供的验证码无效，请重试。", "提供的驗證碼無效，請再試一次。",
    ),
    "A sign-in code can't be sent for this account. Sign in with your password.": (
        "Für dieses Konto kann kein Anmeldecode gesendet werden. Melden Sie sich mit Ihrem Passwort an.",
        "No se puede enviar un código de inicio de sesión para esta cuenta. Inicie sesión con su contraseña.",
        "Impossible d'envoyer un code de connexion pour ce compte. Connectez-vous avec votre mot de passe.",
        "Kode masuk tidak dapat dikirim untuk akun ini. Masuk dengan kata sandi Anda.",
        "Non è possibile inviare un codice di accesso per questo account. Accedi con la password.",
        "このアカウントにはサインインコードを送信できません。パスワードでサインインしてください。",
        "이 계정에는 로그인 코드를 보낼 수 없습니다. 암호로 로그인하세요.",
        "Não é possível enviar um código de login para esta conta. Entre com sua senha.",
        "无法为此账户发送登录代码。请使用密码登录。",
        "無法為此帳戶傳送登入代碼。請使用密碼登入。",
    ),
    "This sign-in method is not available on this page.": (
        "Diese Anmeldemethode ist auf dieser Seite nicht verfügbar.",
        "Este método de inicio de sesión no está disponible en esta página.",
        "Cette méthode de connexion n'est pas disponible sur cette page.",
        "Metode masuk ini tidak tersedia di halaman ini.",
        "Questo metodo di accesso non è disponibile in questa pagina.",
        "このサインイン方法はこのページでは使用できません。",
        "이 로그인 방법은 이 페이지에서 사용할 수 없습니다.",
        "Este método de login não está disponível nesta página.",
        "此登录方式在此页面上不可用。",
        "此登入方式在此頁面上無法使用。",
    ),
    "Something went wrong": (
        "Etwas ist schiefgelaufen", "Se ha producido un error", "Un problème est survenu", "Terjadi kesalahan",
        "Si è verificato un problema", "問題が発生しました", "문제가 발생했습니다", "Algo deu errado", "出现问题", "發生問題",
    ),
    "An error was encountered with the requested page.": (
        "Bei der angeforderten Seite ist ein Fehler aufgetreten.", "Se ha producido un error con la página solicitada.",
        "Une erreur s'est produite avec la page demandée.", "Terjadi kesalahan pada halaman yang diminta.",
        "Si è verificato un errore con la pagina richiesta.", "要求されたページでエラーが発生しました。",
        "요청한 페이지에서 오류가 발생했습니다.", "Ocorreu um erro com a página solicitada.", "请求的页面出现错误。",
        "要求的頁面發生錯誤。",
    ),
    "Login pages unavailable. Please contact an administrator.": (
        "Die Anmeldeseiten sind nicht verfügbar. Bitte wenden Sie sich an einen Administrator.",
        "Las páginas de inicio de sesión no están disponibles. Póngase en contacto con un administrador.",
        "Les pages de connexion ne sont pas disponibles. Veuillez contacter un administrateur.",
        "Halaman masuk tidak tersedia. Hubungi administrator.",
        "Le pagine di accesso non sono disponibili. Contatta un amministratore.",
        "ログインページは利用できません。管理者にお問い合わせください。",
        "로그인 페이지를 사용할 수 없습니다. 관리자에게 문의하세요.",
        "As páginas de login não estão disponíveis. Entre em contato com um administrador.",
        "登录页面不可用。请联系管理员。",
        "登入頁面無法使用。請聯絡管理員。",
    ),
    "The redirect_uri is not registered for this app client.": (
        "Die redirect_uri ist für diesen App-Client nicht registriert.",
        "La redirect_uri no está registrada para este cliente de aplicación.",
        "La redirect_uri n'est pas enregistrée pour ce client d'application.",
        "redirect_uri tidak terdaftar untuk klien aplikasi ini.",
        "Il redirect_uri non è registrato per questo client dell'app.",
        "redirect_uri はこのアプリクライアントに登録されていません。",
        "redirect_uri가 이 앱 클라이언트에 등록되어 있지 않습니다.",
        "O redirect_uri não está registrado para este cliente de aplicativo.",
        "redirect_uri 未注册到此应用程序客户端。",
        "redirect_uri 未註冊到此應用程式用戶端。",
    ),
    "The logout_uri is not registered for this app client.": (
        "Die logout_uri ist für diesen App-Client nicht registriert.",
        "La logout_uri no está registrada para este cliente de aplicación.",
        "La logout_uri n'est pas enregistrée pour ce client d'application.",
        "logout_uri tidak terdaftar untuk klien aplikasi ini.",
        "Il logout_uri non è registrato per questo client dell'app.",
        "logout_uri はこのアプリクライアントに登録されていません。",
        "logout_uri가 이 앱 클라이언트에 등록되어 있지 않습니다.",
        "O logout_uri não está registrado para este cliente de aplicativo.",
        "logout_uri 未注册到此应用程序客户端。",
        "logout_uri 未註冊到此應用程式用戶端。",
    ),
    "Invalid client_id.": (
        "Ungültige client_id.", "client_id no válido.", "client_id non valide.", "client_id tidak valid.",
        "client_id non valido.", "client_id が無効です。", "client_id가 잘못되었습니다.", "client_id inválido.",
        "client_id 无效。", "client_id 無效。",
    ),
    "Login option is not available. Please try another one": (
        "Diese Anmeldeoption ist nicht verfügbar. Bitte versuchen Sie eine andere",
        "La opción de inicio de sesión no está disponible. Pruebe con otra",
        "Cette option de connexion n'est pas disponible. Veuillez en essayer une autre",
        "Opsi masuk tidak tersedia. Silakan coba opsi lain",
        "L'opzione di accesso non è disponibile. Provane un'altra",
        "このログインオプションは利用できません。別のオプションをお試しください",
        "로그인 옵션을 사용할 수 없습니다. 다른 옵션을 시도하세요",
        "A opção de login não está disponível. Tente outra",
        "登录选项不可用。请尝试其他选项",
        "登入選項無法使用。請嘗試其他選項",
    ),
    # -- passkeys (passkey.html, passkey_add.html, passkey.js and what their script is answered)
    "Sign in with a passkey": (
        "Mit einem Passkey anmelden", "Iniciar sesión con una clave de acceso", "Se connecter avec une clé d'accès",
        "Masuk dengan kunci sandi", "Accedi con una passkey", "パスキーでサインイン", "패스키로 로그인",
        "Entrar com uma chave de acesso", "使用通行密钥登录", "使用密碼金鑰登入",
    ),
    "Use a passkey saved on this device, on your phone or on a security key.": (
        "Verwenden Sie einen Passkey, der auf diesem Gerät, auf Ihrem Telefon oder auf einem Sicherheitsschlüssel gespeichert ist.",
        "Use una clave de acceso guardada en este dispositivo, en su teléfono o en una llave de seguridad.",
        "Utilisez une clé d'accès enregistrée sur cet appareil, sur votre téléphone ou sur une clé de sécurité.",
        "Gunakan kunci sandi yang tersimpan di perangkat ini, di ponsel Anda, atau di kunci keamanan.",
        "Usa una passkey salvata su questo dispositivo, sul telefono o su una chiave di sicurezza.",
        "このデバイス、スマートフォン、またはセキュリティキーに保存されたパスキーを使用します。",
        "이 디바이스, 휴대폰 또는 보안 키에 저장된 패스키를 사용하세요.",
        "Use uma chave de acesso salva neste dispositivo, no seu telefone ou em uma chave de segurança.",
        "使用保存在此设备、您的手机或安全密钥上的通行密钥。",
        "使用儲存在此裝置、您的手機或安全金鑰上的密碼金鑰。",
    ),
    "Sign in with your password instead": (
        "Stattdessen mit Ihrem Passwort anmelden", "Iniciar sesión con su contraseña en su lugar",
        "Se connecter plutôt avec votre mot de passe", "Masuk dengan kata sandi Anda sebagai gantinya",
        "Accedi invece con la password", "代わりにパスワードでサインイン", "대신 암호로 로그인",
        "Entrar com sua senha em vez disso", "改用密码登录", "改用密碼登入",
    ),
    "Add a passkey": (
        "Passkey hinzufügen", "Agregar una clave de acceso", "Ajouter une clé d'accès", "Tambahkan kunci sandi",
        "Aggiungi una passkey", "パスキーを追加", "패스키 추가", "Adicionar uma chave de acesso", "添加通行密钥", "新增密碼金鑰",
    ),
    "Signed in as {username}.": (
        "Angemeldet als {username}.", "Ha iniciado sesión como {username}.", "Connecté en tant que {username}.",
        "Masuk sebagai {username}.", "Accesso eseguito come {username}.", "{username} としてサインインしています。",
        "{username}(으)로 로그인했습니다.", "Conectado como {username}.", "已以 {username} 身份登录。", "已以 {username} 身分登入。",
    ),
    "Add a passkey to sign in next time with your device's screen lock or a security key.": (
        "Fügen Sie einen Passkey hinzu, um sich beim nächsten Mal mit der Bildschirmsperre Ihres Geräts oder einem Sicherheitsschlüssel anzumelden.",
        "Agregue una clave de acceso para iniciar sesión la próxima vez con el bloqueo de pantalla de su dispositivo o una llave de seguridad.",
        "Ajoutez une clé d'accès pour vous connecter la prochaine fois avec le verrouillage d'écran de votre appareil ou une clé de sécurité.",
        "Tambahkan kunci sandi untuk masuk lain kali dengan kunci layar perangkat Anda atau kunci keamanan.",
        "Aggiungi una passkey per accedere la prossima volta con il blocco schermo del dispositivo o una chiave di sicurezza.",
        "パスキーを追加すると、次回からデバイスの画面ロックまたはセキュリティキーでサインインできます。",
        "패스키를 추가하면 다음부터 디바이스의 화면 잠금 또는 보안 키로 로그인할 수 있습니다.",
        "Adicione uma chave de acesso para entrar da próxima vez com o bloqueio de tela do seu dispositivo ou uma chave de segurança.",
        "添加通行密钥，下次即可使用设备的屏幕锁或安全密钥登录。",
        "新增密碼金鑰，下次即可使用裝置的螢幕鎖定或安全金鑰登入。",
    ),
    "Not now": (
        "Nicht jetzt", "Ahora no", "Pas maintenant", "Jangan sekarang", "Non ora", "後で", "나중에", "Agora não",
        "以后再说", "稍後再說",
    ),
    "The passkey request was cancelled or timed out.": (
        "Die Passkey-Anfrage wurde abgebrochen oder ist abgelaufen.",
        "La solicitud de clave de acceso se canceló o se agotó el tiempo de espera.",
        "La demande de clé d'accès a été annulée ou a expiré.", "Permintaan kunci sandi dibatalkan atau waktunya habis.",
        "La richiesta della passkey è stata annullata o è scaduta.", "パスキーのリクエストがキャンセルされたか、タイムアウトしました。",
        "패스키 요청이 취소되었거나 시간이 초과되었습니다.", "A solicitação da chave de acesso foi cancelada ou expirou.",
        "通行密钥请求已取消或超时。", "密碼金鑰要求已取消或逾時。",
    ),
    "This passkey is already registered.": (
        "Dieser Passkey ist bereits registriert.", "Esta clave de acceso ya está registrada.",
        "Cette clé d'accès est déjà enregistrée.", "Kunci sandi ini sudah terdaftar.", "Questa passkey è già registrata.",
        "このパスキーは既に登録されています。", "이 패스키는 이미 등록되어 있습니다.", "Esta chave de acesso já está registrada.",
        "此通行密钥已注册。", "此密碼金鑰已註冊。",
    ),
    "This page's address is not one the user pool's passkeys belong to (its relying party ID).": (
        "Die Adresse dieser Seite gehört nicht zu den Passkeys des Benutzerpools (seiner ID der vertrauenden Seite).",
        "La dirección de esta página no es una a la que pertenezcan las claves de acceso del grupo de usuarios (su ID de usuario de confianza).",
        "L'adresse de cette page n'est pas celle à laquelle appartiennent les clés d'accès du groupe d'utilisateurs (son ID de partie de confiance).",
        "Alamat halaman ini bukan alamat tempat kunci sandi kumpulan pengguna berada (ID pihak pengandalnya).",
        "L'indirizzo di questa pagina non è quello a cui appartengono le passkey del pool di utenti (il suo ID della relying party).",
        "このページのアドレスは、ユーザープールのパスキーが属するアドレス (証明書利用者 ID) ではありません。",
        "이 페이지의 주소는 사용자 풀의 패스키가 속한 주소(신뢰 당사자 ID)가 아닙니다.",
        "O endereço desta página não é um ao qual pertencem as chaves de acesso do grupo de usuários (seu ID de parte confiável).",
        "此页面的地址不属于用户池的通行密钥所属的地址（其依赖方 ID）。",
        "此頁面的位址不是使用者集區的密碼金鑰所屬的位址（其信賴憑證者 ID）。",
    ),
    "This browser does not support passkeys.": (
        "Dieser Browser unterstützt keine Passkeys.", "Este navegador no admite claves de acceso.",
        "Ce navigateur ne prend pas en charge les clés d'accès.", "Browser ini tidak mendukung kunci sandi.",
        "Questo browser non supporta le passkey.", "このブラウザはパスキーをサポートしていません。",
        "이 브라우저는 패스키를 지원하지 않습니다.", "Este navegador não oferece suporte a chaves de acesso.",
        "此浏览器不支持通行密钥。", "此瀏覽器不支援密碼金鑰。",
    ),
    "The passkey request failed.": (
        "Die Passkey-Anfrage ist fehlgeschlagen.", "La solicitud de clave de acceso ha fallado.",
        "La demande de clé d'accès a échoué.", "Permintaan kunci sandi gagal.", "La richiesta della passkey non è riuscita.",
        "パスキーのリクエストに失敗しました。", "패스키 요청이 실패했습니다.", "A solicitação da chave de acesso falhou.",
        "通行密钥请求失败。", "密碼金鑰要求失敗。",
    ),
    "Passkey sign-in is not available for this user.": (
        "Die Anmeldung mit Passkey ist für diesen Benutzer nicht verfügbar.",
        "El inicio de sesión con clave de acceso no está disponible para este usuario.",
        "La connexion par clé d'accès n'est pas disponible pour cet utilisateur.",
        "Masuk dengan kunci sandi tidak tersedia untuk pengguna ini.", "L'accesso con passkey non è disponibile per questo utente.",
        "このユーザーはパスキーでサインインできません。", "이 사용자는 패스키로 로그인할 수 없습니다.",
        "O login com chave de acesso não está disponível para este usuário.", "此用户无法使用通行密钥登录。",
        "此使用者無法使用密碼金鑰登入。",
    ),
    "Sign in before you add a passkey.": (
        "Melden Sie sich an, bevor Sie einen Passkey hinzufügen.", "Inicie sesión antes de agregar una clave de acceso.",
        "Connectez-vous avant d'ajouter une clé d'accès.", "Masuk sebelum Anda menambahkan kunci sandi.",
        "Accedi prima di aggiungere una passkey.", "パスキーを追加する前にサインインしてください。",
        "패스키를 추가하기 전에 로그인하세요.", "Entre antes de adicionar uma chave de acesso.", "请先登录，再添加通行密钥。",
        "請先登入，再新增密碼金鑰。",
    ),
    "The passkey could not be read.": (
        "Der Passkey konnte nicht gelesen werden.", "No se pudo leer la clave de acceso.", "La clé d'accès n'a pas pu être lue.",
        "Kunci sandi tidak dapat dibaca.", "Impossibile leggere la passkey.", "パスキーを読み取れませんでした。",
        "패스키를 읽을 수 없습니다.", "Não foi possível ler a chave de acesso.", "无法读取通行密钥。", "無法讀取密碼金鑰。",
    ),
    "Sign in with your password to continue.": (
        "Melden Sie sich mit Ihrem Passwort an, um fortzufahren.", "Inicie sesión con su contraseña para continuar.",
        "Connectez-vous avec votre mot de passe pour continuer.", "Masuk dengan kata sandi Anda untuk melanjutkan.",
        "Accedi con la password per continuare.", "続行するにはパスワードでサインインしてください。", "계속하려면 암호로 로그인하세요.",
        "Entre com sua senha para continuar.", "请使用密码登录以继续。", "請使用密碼登入以繼續。",
    ),
    "Passkeys are not enabled for this user pool.": (
        "Passkeys sind für diesen Benutzerpool nicht aktiviert.",
        "Las claves de acceso no están habilitadas para este grupo de usuarios.",
        "Les clés d'accès ne sont pas activées pour ce groupe d'utilisateurs.",
        "Kunci sandi tidak diaktifkan untuk kumpulan pengguna ini.", "Le passkey non sono abilitate per questo pool di utenti.",
        "このユーザープールではパスキーが有効になっていません。", "이 사용자 풀에는 패스키가 활성화되어 있지 않습니다.",
        "As chaves de acesso não estão habilitadas para este grupo de usuários.", "此用户池未启用通行密钥。",
        "此使用者集區未啟用密碼金鑰。",
    ),
}  # fmt: skip


def language(lang: str | None) -> str:
    """The managed login language for a ``lang`` parameter: one of ``SUPPORTED``, English when unknown."""
    if not lang or len(lang) > 35:
        return ENGLISH
    wanted = lang.strip().replace("_", "-").lower()
    for code in SUPPORTED:
        if wanted == code.lower():
            return code
    primary, _, region = wanted.partition("-")
    if primary == "zh":
        return "zh-TW" if region in ("tw", "hk", "mo", "hant") or region.startswith("hant") else "zh-CN"
    if primary == "pt":
        return "pt-BR"
    if primary == "in":  # Indonesian's former ISO 639 code, still sent by some platforms
        return "id"
    return next((code for code in SUPPORTED if code == primary), ENGLISH)


@dataclass(frozen=True)
class _Pattern:
    english: str
    regex: re.Pattern[str]


@cache
def _patterns() -> tuple[_Pattern, ...]:
    """The catalogue's entries with placeholders as patterns, the most literal text first (so that
    "We sent a code by {channel} to {destination}." is tried before "We sent a code by {channel}.")."""
    found = []
    for english in CATALOGUE:
        if not _PLACEHOLDER.search(english):
            continue
        parts = _PLACEHOLDER.split(english)
        regex = "".join(
            re.escape(p) if i % 2 == 0 else f"(?P<{p}>{_VALUES.get(p, '.+?')})" for i, p in enumerate(parts)
        )
        found.append(_Pattern(english, re.compile(regex)))
    return tuple(sorted(found, key=lambda p: -len(_PLACEHOLDER.sub("", p.english))))


@dataclass(frozen=True)
class Translator:
    """The page strings of one language: ``translator("Sign in")``, ``translator(text, provider="Google")``."""

    code: str
    table: dict[str, str] = field(default_factory=dict, repr=False)

    def __call__(self, text: Any, **params: Any) -> str:
        if text is None:
            return ""
        english = str(text)
        if params:
            return self._format(self.table.get(english, english), params)
        known = self.table.get(english)
        if known is not None:
            return known
        if self.code == ENGLISH:
            return english
        return self._known(english) or english

    def _known(self, english: str) -> str | None:
        """The translation of ``english``, a catalogue entry itself or one of its patterns filled in; None
        when the catalogue has neither (an API's or a trigger's message), so nothing is half translated."""
        known = self.table.get(english)
        if known is not None:
            return known
        if len(english) > _LONGEST_SENTENCE:
            return None
        for pattern in _patterns():
            match = pattern.regex.fullmatch(english)
            if match is None:
                continue
            found: dict[str, str] = {}
            for name, value in match.groupdict().items():
                part = self._words(value) if name in _WORDS else value
                if part is None:
                    break
                found[name] = part
            else:
                return self._format(self.table.get(pattern.english, pattern.english), found)
        return None

    def _words(self, value: str) -> str | None:
        """Words of the catalogue in a sentence (a list joined with commas, item by item), translated."""
        items = [self._known(item) for item in value.split(", ")]
        if any(item is None for item in items):
            return None
        return _LIST_SEPARATORS.get(self.code, ", ").join(str(item) for item in items)

    @staticmethod
    def _format(template: str, params: dict[str, Any]) -> str:
        return _PLACEHOLDER.sub(lambda m: str(params.get(m.group(1), m.group(0))), template)


def translator(lang: str | None) -> Translator:
    """The page strings for the language ``lang`` asks for (see ``language``)."""
    return _translator(language(lang))


@cache
def _translator(code: str) -> Translator:
    if code == ENGLISH:
        return Translator(ENGLISH)
    column = LANGUAGES.index(code)
    return Translator(code, {english: texts[column] for english, texts in CATALOGUE.items()})
